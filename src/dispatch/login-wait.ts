import type { LinkState } from '../whatsapp/transport.js';

/** How long a link that has not been up since the start may take to come up before its runs wait for the login. */
export const LOGIN_GRACE_MS = 60_000;

/**
 * When a number's running campaigns must switch to `waiting_for_login`: the
 * link was up and dropped, or it has not come up within the grace period
 * since sending started. A link still connecting at start-up is not a link
 * that went down, and saying so at every restart would be false.
 */
export class LoginWait {
  private wasUp = false;

  constructor(
    private readonly startedAt: number,
    private readonly graceMs = LOGIN_GRACE_MS,
  ) {}

  /** Fed every link state the number reports. */
  observe(state: LinkState): void {
    if (state === 'open') this.wasUp = true;
  }

  /** 0 when runs must wait for the login now; otherwise how much longer the link may take to come up. */
  graceLeft(now: number): number {
    if (this.wasUp) return 0;
    return Math.max(0, this.startedAt + this.graceMs - now);
  }
}
