import { Browsers, type UserFacingSocketConfig, type WAMessageKey, type WAVersion, type proto } from 'baileys';
import type { Logger } from 'pino';
import type { FileAuthState } from '../auth/file-auth-state.js';
import { isIgnoredChat } from './ignored-chats.js';
import type { SocketCaches } from './socket-caches.js';

export interface SocketSettings {
  auth: FileAuthState;
  /** Baileys' own log lines. */
  baileysLogger: Logger;
  caches: ReturnType<SocketCaches['forSocket']>;
  version: WAVersion | undefined;
  socketUrl: string | undefined;
  /** The message sent under a key's id, for recipients' retry requests (see SentMessages). */
  getMessage(key: WAMessageKey): Promise<proto.IMessage | undefined>;
}

/** The options of every socket of a session. */
export function socketConfig(settings: SocketSettings): UserFacingSocketConfig {
  return {
    auth: settings.auth.state,
    logger: settings.baileysLogger,
    browser: Browsers.ubuntu('Chrome'),
    // Staying "offline" keeps the phone's notifications on and does not mark chats read.
    markOnlineOnConnect: false,
    syncFullHistory: false,
    shouldIgnoreJid: isIgnoredChat,
    getMessage: settings.getMessage,
    ...settings.caches,
    ...(settings.version ? { version: settings.version } : {}),
    ...(settings.socketUrl ? { waWebSocketUrl: settings.socketUrl } : {}),
  };
}
