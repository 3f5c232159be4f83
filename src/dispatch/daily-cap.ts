import { dayKey, startOfNextDay } from '../core/zoned-time.js';
import type { SendDaysRepo } from '../db/repos/send-days-repo.js';

/** The per-number daily cap, counted in the operator's local day. 0 = no cap. */
export class DailyCap {
  // Working out the local day takes a time-zone conversion; it is asked for
  // several times per message, so the current day and its end are remembered.
  private today: { key: string; from: number; until: number } | undefined;

  constructor(
    private readonly sendDays: SendDaysRepo,
    private readonly sessionName: string,
    private readonly timeZone: string,
    private readonly capFor: (now: number) => number,
  ) {}

  private day(now: number): { key: string; until: number } {
    const cached = this.today;
    if (cached && now >= cached.from && now < cached.until) return cached;
    const fresh = { key: dayKey(now, this.timeZone), from: now, until: startOfNextDay(now, this.timeZone) };
    this.today = fresh;
    return fresh;
  }

  key(now: number): { sessionName: string; day: string } {
    return { sessionName: this.sessionName, day: this.day(now).key };
  }

  sentToday(now: number): number {
    return this.sendDays.sent(this.sessionName, this.day(now).key);
  }

  /** Today's cap (0 = none): the configured cap, or less while the number warms up. */
  capToday(now: number): number {
    return this.capFor(now);
  }

  /** When the cap is reached, the instant sending may go on (local midnight); else undefined. */
  blockedUntil(now: number): number | undefined {
    const cap = this.capFor(now);
    if (cap <= 0 || this.sentToday(now) < cap) return undefined;
    return this.day(now).until;
  }
}
