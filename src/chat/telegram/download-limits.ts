import type { Config } from '../../config.js';
import { ownDownloadLimit, type DownloadLimit } from '../upload-attachment.js';

const MB = 1024 * 1024;
/** The public Bot API hands bots files up to 20 MB; a local Bot API server (TELEGRAM_API_ROOT) goes much higher. */
const PUBLIC_BOT_API_DOWNLOAD = 20 * MB;
const PUBLIC_BOT_API_HOST = 'api.telegram.org';

/**
 * Whether the root is Telegram's public Bot API however it is written (a
 * trailing slash, capitals, an explicit :443 or http://). Only a local Bot API
 * server lifts the 20 MB download limit; taking a variant spelling for one
 * would let a 50 MB upload through to a download Telegram then refuses.
 */
export function isPublicBotApi(apiRoot: string): boolean {
  try {
    return new URL(apiRoot).hostname.toLowerCase().replace(/\.$/, '') === PUBLIC_BOT_API_HOST;
  } catch {
    return false;
  }
}

/** How big a file sent with this command may be, checked before it is downloaded. */
export function downloadLimitFor(command: string, config: Config): DownloadLimit {
  const own = ownDownloadLimit(command, config);
  if (isPublicBotApi(config.telegramApiRoot) && own.maxBytes > PUBLIC_BOT_API_DOWNLOAD) {
    return { maxBytes: PUBLIC_BOT_API_DOWNLOAD, reason: 'Telegram lets bots download files up to 20 MB (a local Bot API server set in TELEGRAM_API_ROOT lifts this)' };
  }
  return own;
}
