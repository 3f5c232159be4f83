import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Attachment } from '../../core/command.js';
import { ZapcastError } from '../../core/errors.js';
import { safeFileName } from '../../core/safe-file-name.js';
import type { BotApi } from './bot-api.js';
import type { TelegramFile } from './incoming.js';

/** A file refused for its size before any byte of it was fetched. */
export class AttachmentTooLargeError extends ZapcastError {
  override name = 'AttachmentTooLargeError';
}

export interface DownloadLimit {
  maxBytes: number;
  /** Why the limit is what it is, for the refusal ("imports take up to 50 MB"). */
  reason: string;
}

const mb = (bytes: number) => `${Math.max(1, Math.ceil(bytes / 1048576))} MB`;

function tooLarge(file: TelegramFile, size: number, limit: DownloadLimit): AttachmentTooLargeError {
  return new AttachmentTooLargeError(`${file.fileName} is ${mb(size)}; ${limit.reason} (${mb(limit.maxBytes)}). Nothing was downloaded.`);
}

/**
 * A Telegram upload as a command attachment. The size Telegram reports is
 * checked against the limit before anything is fetched; the download is
 * counted as it streams in case the report was missing or wrong.
 */
export function telegramAttachment(file: TelegramFile, deps: { api: BotApi; uploadsDir: string; limit: DownloadLimit; stamp: () => number }): Attachment {
  let downloaded: Promise<string> | undefined;
  const download = async (): Promise<string> => {
    if (file.size !== undefined && file.size > deps.limit.maxBytes) throw tooLarge(file, file.size, deps.limit);
    const url = await deps.api.fileUrl(file.fileId);
    const response = await fetch(url);
    if (!response.ok || !response.body) throw new ZapcastError(`Telegram did not hand over ${file.fileName} (HTTP ${response.status}); send it again.`);
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > deps.limit.maxBytes) throw tooLarge(file, declared, deps.limit);
    mkdirSync(deps.uploadsDir, { recursive: true });
    // The name on disk is short and safe (a 300-character name fails with ENAMETOOLONG); the original is shown to people.
    const path = join(deps.uploadsDir, `telegram-${deps.stamp()}-${safeFileName(file.fileName)}`);
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > deps.limit.maxBytes) callback(tooLarge(file, received, deps.limit));
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
