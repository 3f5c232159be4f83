import type { WAVersion } from 'baileys';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.js';
import type { Random } from '../../core/random.js';
import type { SentContentStore } from '../sent-content-store.js';
import type { PreviewFetcher } from './link-previews.js';
import type { ReconnectPolicy } from './reconnect-backoff.js';
import type { SocketFactory } from './socket-port.js';
import type { VersionFetcher } from './version-keeper.js';

export interface BaileysTransportOptions {
  sessionName: string;
  /** The session's login lives in `<sessionsDir>/<sessionName>/`, its lock in `<sessionsDir>/<sessionName>.lock`. */
  sessionsDir: string;
  clock: Clock;
  random: Random;
  logger: Logger;
  /** Where sent messages are kept, so recipients' retry requests can be answered after Baileys' cache and a restart. */
  sentContents: SentContentStore;
  reconnect?: ReconnectPolicy;
  /** Overrides the WhatsApp Web socket address (a relay or a test server). */
  socketUrl?: string | undefined;
  /** The client version to announce; by default WhatsApp Web is asked at the first connect. */
  version?: WAVersion | undefined;
  /** Asks WhatsApp Web for its current version (tests give their own). */
  fetchVersion?: VersionFetcher;
  socketFactory?: SocketFactory;
  /** Send a preview of the first link in a text (LINK_PREVIEWS); on unless turned off. */
  linkPreviews?: boolean;
  /** Fetches a link's preview (tests give their own; by default Baileys' getUrlInfo with link-preview-js). */
  fetchLinkPreview?: PreviewFetcher;
  /** How long /pair waits for WhatsApp to be ready for a code. */
  pairingWaitMs?: number;
}
