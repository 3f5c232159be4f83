import type { Attachment as DiscordFile } from 'discord.js';
import type { Attachment } from '../../core/command.js';
import { uploadAttachment, type DownloadLimit } from '../upload-attachment.js';

/** A file attached to a slash command: Discord states its size, so one over the limit is refused before anything is fetched. */
export function discordAttachment(file: DiscordFile, deps: { uploadsDir: string; limit: DownloadLimit; stamp: () => number }): Attachment {
  return uploadAttachment(
    { fileName: file.name, size: file.size, mimeType: file.contentType ?? undefined },
    { platform: 'Discord', uploadsDir: deps.uploadsDir, limit: deps.limit, stamp: deps.stamp, url: async () => file.url },
  );
}
