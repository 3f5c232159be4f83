import { extname, join } from 'node:path';
import type { Attachment as DiscordFile } from 'discord.js';
import type { Attachment } from '../../core/command.js';
import { ZapcastError } from '../../core/errors.js';
import { downloadCapped } from '../capped-download.js';

/** A file refused for its size before any byte of it was fetched. */
export class DiscordAttachmentTooLargeError extends ZapcastError {
  override name = 'DiscordAttachmentTooLargeError';
}

export interface DownloadLimit {
  maxBytes: number;
  /** Why the limit is what it is, for the refusal. */
  reason: string;
}

const mb = (bytes: number) => `${Math.max(1, Math.ceil(bytes / 1048576))} MB`;

/** A short name that is safe on any file system, keeping the extension the importers go by. */
export function safeUploadName(fileName: string, stamp: number, id: string): string {
  const extension = extname(fileName).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 10);
  const stem = fileName.slice(0, fileName.length - extname(fileName).length).replace(/[^\w-]/g, '_').slice(0, 40);
  return `discord-${stamp}-${id}-${stem || 'file'}${extension}`;
}

/**
 * A file attached to a slash command, as a command attachment. Discord states
 * the size, so a file over the limit is refused before anything is fetched;
 * the download is counted as it streams in case the statement was wrong.
 */
export function discordAttachment(file: DiscordFile, deps: { uploadsDir: string; limit: DownloadLimit; stamp: () => number }): Attachment {
  const tooLarge = (size: number) =>
    new DiscordAttachmentTooLargeError(`${file.name} is ${mb(size)}; ${deps.limit.reason} (${mb(deps.limit.maxBytes)}). Nothing was downloaded.`);
  let downloaded: Promise<string> | undefined;
  const download = async (): Promise<string> => {
    if (file.size > deps.limit.maxBytes) throw tooLarge(file.size);
    const path = join(deps.uploadsDir, safeUploadName(file.name, deps.stamp(), file.id));
    await downloadCapped({ url: file.url, path, maxBytes: deps.limit.maxBytes, platform: 'Discord', fileName: file.name, tooLarge });
    return path;
  };
  return {
    fileName: file.name,
    size: file.size,
    mimeType: file.contentType ?? undefined,
    localPath() {
      downloaded ??= download();
      return downloaded;
    },
  };
}
