import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Config } from '../config.js';
import type { Attachment } from '../core/command.js';
import { ZapcastError } from '../core/errors.js';
import { safeFileName } from '../core/safe-file-name.js';

/** A file refused for its size before any byte of it was fetched. */
export class AttachmentTooLargeError extends ZapcastError {
  override name = 'AttachmentTooLargeError';
}

export interface DownloadLimit {
  maxBytes: number;
  /** Why the limit is what it is, for the refusal ("imports take up to 50 MB"). */
  reason: string;
}

/** WhatsApp takes documents up to 100 MB (images and videos less; /send checks those). */
const MEDIA_MAX = 100 * 1024 * 1024;

/** How big a file sent with this command may be by zapcast's own rules (a platform may lower it). */
export function ownDownloadLimit(command: string, config: Config): DownloadLimit {
  return command === 'import'
    ? { maxBytes: config.import.maxBytes, reason: 'imports take files up to IMPORT_MAX_BYTES' }
    : { maxBytes: MEDIA_MAX, reason: 'WhatsApp takes files up to 100 MB' };
}

const mb = (bytes: number) => `${Math.max(1, Math.ceil(bytes / 1048576))} MB`;

export interface UploadedFile {
  fileName: string;
  /** What the platform says the size is, if it says. */
  size: number | undefined;
  mimeType: string | undefined;
}

export interface UploadDeps {
  /** "Telegram", "Discord": named when the platform does not hand the file over. */
  platform: string;
  uploadsDir: string;
  limit: DownloadLimit;
  stamp: () => number;
  /** Where the file can be fetched (asked only when it is needed). */
  url: () => Promise<string | URL>;
}

/**
 * A user's upload as a command attachment, fetched only when the command needs
 * it. A file over the limit is refused before a byte is fetched when the
 * platform states its size, and otherwise as soon as the download shows it (by
 * the server's stated length, or by counting as it streams). The name on disk is
 * short and safe; the original is what people are shown.
 */
export function uploadAttachment(file: UploadedFile, deps: UploadDeps): Attachment {
  const tooLarge = (size: number) => new AttachmentTooLargeError(`${file.fileName} is ${mb(size)}; ${deps.limit.reason} (${mb(deps.limit.maxBytes)}). Nothing was downloaded.`);
  let downloaded: Promise<string> | undefined;
  const download = async (): Promise<string> => {
    const { maxBytes } = deps.limit;
    if (file.size !== undefined && file.size > maxBytes) throw tooLarge(file.size);
    const response = await fetch(await deps.url());
    if (!response.ok || !response.body) throw new ZapcastError(`${deps.platform} did not hand over ${file.fileName} (HTTP ${response.status}); send it again.`);
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) throw tooLarge(declared);
    mkdirSync(deps.uploadsDir, { recursive: true });
    const path = join(deps.uploadsDir, `${deps.platform.toLowerCase()}-${deps.stamp()}-${safeFileName(file.fileName)}`);
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > maxBytes) callback(tooLarge(received));
        else callback(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), counter, createWriteStream(path));
    } catch (error) {
      rmSync(path, { force: true });
      throw error;
    }
    return path;
  };
  return {
    fileName: file.fileName,
    size: file.size,
    mimeType: file.mimeType,
    localPath() {
      downloaded ??= download();
      return downloaded;
    },
  };
}
