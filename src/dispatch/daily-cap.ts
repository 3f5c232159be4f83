import { dayKey, startOfNextDay } from '../core/zoned-time.js';
import type { SendDaysRepo } from '../db/repos/send-days-repo.js';
import type { WarmUpDay } from '../safety/warm-up.js';

/** The cap reached: how many were sent against which cap, on which warm-up day, and when sending may go on. */
export interface CapReached {
  sent: number;
  cap: number;
  warmUp: { day: number; days: number } | undefined;
  until: number;
}

/** The per-number daily cap, counted in the operator's local day. 0 = no cap. */
export class DailyCap {
  // Working out the local day takes a time-zone conversion; it is asked for
  // several times per message, so the current day and its end are remembered.
  private today: { key: string; from: number; until: number } | undefined;

  constructor(
    private readonly sendDays: SendDaysRepo,
    private readonly sessionName: string,
    private readonly timeZone: string,
    private readonly warmUpOn: (now: number) => WarmUpDay,
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

  /** The cap (0 = none) on the local day of `now`: the configured cap, or less while the number warms up. */
  capToday(now: number): number {
    return this.warmUpOn(now).cap;
  }

  /** When the cap is reached, the instant sending may go on (local midnight); else undefined. */
  blockedUntil(now: number): number | undefined {
    return this.reached(now)?.until;
  }

  /** The cap as it holds sending at `now`, or undefined when it does not. */
  reached(now: number): CapReached | undefined {
    const warmUp = this.warmUpOn(now);
    if (warmUp.cap <= 0) return undefined;
    const sent = this.sentToday(now);
    if (sent < warmUp.cap) return undefined;
    return { sent, cap: warmUp.cap, warmUp: warmUp.day === undefined ? undefined : { day: warmUp.day, days: warmUp.days }, until: this.day(now).until };
  }
}
