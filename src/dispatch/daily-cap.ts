import { dayKey, startOfNextDay } from '../core/zoned-time.js';
import type { SendDaysRepo } from '../db/repos/send-days-repo.js';

/** The per-number daily cap, counted in the operator's local day. 0 = no cap. */
export class DailyCap {
  constructor(
    private readonly sendDays: SendDaysRepo,
    private readonly sessionName: string,
    private readonly timeZone: string,
    private readonly capFor: (now: number) => number,
  ) {}

  key(now: number): { sessionName: string; day: string } {
    return { sessionName: this.sessionName, day: dayKey(now, this.timeZone) };
  }

  sentToday(now: number): number {
    return this.sendDays.sent(this.sessionName, dayKey(now, this.timeZone));
  }

  /** Today's cap (0 = none): the configured cap, or less while the number warms up. */
  capToday(now: number): number {
    return this.capFor(now);
  }

  /** When the cap is reached, the instant sending may go on (local midnight); else undefined. */
  blockedUntil(now: number): number | undefined {
    const cap = this.capFor(now);
    if (cap <= 0 || this.sentToday(now) < cap) return undefined;
    return startOfNextDay(now, this.timeZone);
  }
}
