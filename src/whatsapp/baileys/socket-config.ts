import { Browsers, type UserFacingSocketConfig, type WAMessageKey, type WAVersion, type proto } from 'baileys';
import type { Logger } from 'pino';
import type { FileAuthState } from '../auth/file-auth-state.js';
import type { SocketCaches } from './socket-caches.js';

export interface SocketSettings {
  auth: FileAuthState;
  /** Baileys' own log lines. */
  baileysLogger: Logger;
  /** Where lookup failures are reported. */
  logger: Logger;
  caches: ReturnType<SocketCaches['forSocket']>;
  version: WAVersion | undefined;
  socketUrl: string | undefined;
  messageText(waMessageId: string): string | undefined;
}

/**
 * The options of every socket of a session. A recipient whose phone could not
 * decrypt a message asks for it again; getMessage answers from the lookup
 * (SQLite), so the answer survives a restart.
 */
export function socketConfig(settings: SocketSettings): UserFacingSocketConfig {
  const { logger, messageText } = settings;
  const getMessage = async (key: WAMessageKey): Promise<proto.IMessage | undefined> => {
    if (!key.id) return undefined;
    try {
      const text = messageText(key.id);
      return text === undefined ? undefined : { extendedTextMessage: { text } };
    } catch (error) {
      logger.warn({ err: error, waMessageId: key.id }, 'a sent message could not be looked up for a retry request');
      return undefined;
    }
  };
  return {
    auth: settings.auth.state,
    logger: settings.baileysLogger,
    browser: Browsers.ubuntu('Chrome'),
    // Staying "offline" keeps the phone's notifications on and does not mark chats read.
    markOnlineOnConnect: false,
    syncFullHistory: false,
    getMessage,
    ...settings.caches,
    ...(settings.version ? { version: settings.version } : {}),
    ...(settings.socketUrl ? { waWebSocketUrl: settings.socketUrl } : {}),
  };
}
