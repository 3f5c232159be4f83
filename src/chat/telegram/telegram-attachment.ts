import type { Attachment } from '../../core/command.js';
import { uploadAttachment, type DownloadLimit } from '../upload-attachment.js';
import type { BotApi } from './bot-api.js';
import type { TelegramFile } from './incoming.js';

export { AttachmentTooLargeError, type DownloadLimit } from '../upload-attachment.js';

/** A Telegram upload as a command attachment: its download address is asked of the Bot API (getFile) only when needed. */
export function telegramAttachment(file: TelegramFile, deps: { api: BotApi; uploadsDir: string; limit: DownloadLimit; stamp: () => number }): Attachment {
  return uploadAttachment(file, { platform: 'Telegram', uploadsDir: deps.uploadsDir, limit: deps.limit, stamp: deps.stamp, url: () => deps.api.fileUrl(file.fileId) });
}
