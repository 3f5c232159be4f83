import { meanGapMs, type Pacing } from '../dispatch/pacing.js';
import { nextQuietStart, quietUntil, type QuietHours } from '../dispatch/quiet-hours.js';
import { dayKey, startOfNextDay } from '../core/zoned-time.js';

export interface EtaInput {
  now: number;
  remaining: number;
  pacing: Pacing;
  /** Average time a send itself takes (typing and network), on top of the gaps. */
  sendMs: number;
  /** The cap (0 = none) on the local day of an instant: it rises day by day while the number warms up. */
  capOn: (at: number) => number;
  sentToday: number;
  quietHours: QuietHours | undefined;
  timeZone: string;
}

/**
 * When the remaining messages should be done, walking the calendar: sending
 * windows between quiet hours, each day's cap (the warm-up ramp), then the
 * next day. Pure: same input, same answer.
 */
export function estimateFinish(input: EtaInput): number {
  const perMessage = Math.max(1, meanGapMs(input.pacing) + input.sendMs);
  let t = input.now;
  let remaining = input.remaining;
  let sentToday = input.sentToday;
  let today = dayKey(t, input.timeZone);
  let capToday = input.capOn(t);
  for (let guard = 0; remaining > 0 && guard < 100_000; guard++) {
    const quietEnd = quietUntil(t, input.quietHours, input.timeZone);
    if (quietEnd !== undefined) {
      t = quietEnd;
      continue;
    }
    const day = dayKey(t, input.timeZone);
    if (day !== today) {
      today = day;
      sentToday = 0;
      capToday = input.capOn(t);
    }
    const capLeft = capToday > 0 ? capToday - sentToday : Number.POSITIVE_INFINITY;
    const dayEnd = startOfNextDay(t, input.timeZone);
    if (capLeft <= 0) {
      t = dayEnd;
      continue;
    }
    const windowEnd = Math.min(dayEnd, nextQuietStart(t, input.quietHours, input.timeZone) ?? dayEnd);
    const fitInWindow = Math.max(1, Math.floor((windowEnd - t) / perMessage));
    const batch = Math.min(remaining, capLeft, fitInWindow);
    t += batch * perMessage;
    remaining -= batch;
    sentToday += batch;
  }
  return Math.round(t);
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}
