import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../../core/clock.js';
import type { BaileysSocket } from './socket-port.js';

/** With no send or typing for this long, the account goes back to "unavailable". */
export const PRESENCE_IDLE_MS = 120_000;

/**
 * The account's own presence. The link connects "unavailable"
 * (markOnlineOnConnect is off, so the phone keeps its notifications), but
 * WhatsApp shows "typing…" only from an account that is "available". So the
 * account is announced available while messages go out, and unavailable again
 * once sending has been idle for a while. Baileys reports every change it makes
 * (connection.update isOnline), so one it makes itself on reconnecting is known.
 */
export class Presence {
  private online = false;
  private idleTimer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly idleMs = PRESENCE_IDLE_MS,
  ) {}

  /** Baileys announced a presence (isOnline in a connection update). */
  observed(online: boolean): void {
    this.online = online;
  }

  /** A send or typing is about to happen on `socket`: available now, unavailable after the idle time. */
  async active(socket: BaileysSocket, stillOpen: (socket: BaileysSocket) => boolean): Promise<void> {
    this.idleTimer?.cancel();
    this.idleTimer = this.clock.setTimer(this.idleMs, () => {
      this.idleTimer = undefined;
      if (stillOpen(socket)) void this.announce(socket, false);
    });
    if (!this.online) await this.announce(socket, true);
  }

  /** The socket is gone: its presence went with it. */
  reset(): void {
    this.idleTimer?.cancel();
    this.idleTimer = undefined;
    this.online = false;
  }

  private async announce(socket: BaileysSocket, online: boolean): Promise<void> {
    try {
      await socket.sendPresenceUpdate(online ? 'available' : 'unavailable');
      this.online = online;
    } catch (error) {
      // Presence is decoration: a send goes out either way.
      this.logger.debug({ err: error, online }, 'presence not announced');
    }
  }
}
