import { formatLocal, localParts } from '../core/zoned-time.js';
import type { CapReached, DailyCap } from './daily-cap.js';
import { quietUntil, type QuietHours } from './quiet-hours.js';

/** Something that keeps a number from sending until a known time. */
export type Hold = { kind: 'quiet_hours'; until: number } | ({ kind: 'daily_cap' } & CapReached);

export interface HoldSources {
  quietHours: QuietHours | undefined;
  timeZone: string;
  dailyCap: Pick<DailyCap, 'reached'>;
}

/** A cap reset at midnight may run into quiet hours, which may run into... a few links at most. */
const MAX_CHAIN = 4;

/**
 * What holds sending at `at`, and what holds it after that one ends, until
 * sending may go on: a cap that resets at midnight inside quiet hours is
 * followed by them. Empty when nothing holds it.
 */
export function holdsAt(at: number, sources: HoldSources): Hold[] {
  const holds: Hold[] = [];
  let t = at;
  while (holds.length < MAX_CHAIN) {
    const quietEnd = quietUntil(t, sources.quietHours, sources.timeZone);
    const cap = quietEnd === undefined ? sources.dailyCap.reached(t) : undefined;
    const hold: Hold | undefined = quietEnd !== undefined ? { kind: 'quiet_hours', until: quietEnd } : cap && { kind: 'daily_cap', ...cap };
    if (!hold) break;
    holds.push(hold);
    t = hold.until;
  }
  return holds;
}

/** When the holds let sending go on. */
export function resumeAt(holds: readonly Hold[]): number | undefined {
  return holds.at(-1)?.until;
}

function describeHold(hold: Hold): string {
  if (hold.kind === 'quiet_hours') return 'quiet hours';
  const warmUp = hold.warmUp ? ` (warm-up day ${hold.warmUp.day} of ${hold.warmUp.days})` : '';
  return `daily cap ${hold.sent}/${hold.cap}${warmUp}`;
}

/** "00:00" within the next day, where the clock time alone is clear; the date too when further off. */
function untilText(until: number, now: number, timeZone: string): string {
  if (until - now >= 86_400_000) return formatLocal(until, timeZone);
  const p = localParts(until, timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** "held: daily cap 50/50 (warm-up day 1 of 14) until 00:00, then quiet hours until 08:00". */
export function formatHolds(holds: readonly Hold[], now: number, timeZone: string): string {
  return `held: ${holds.map((hold) => `${describeHold(hold)} until ${untilText(hold.until, now, timeZone)}`).join(', then ')}`;
}
