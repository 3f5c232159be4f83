import { meanGapMs } from '../../src/dispatch/pacing.js';
import { nextQuietStart, quietUntil } from '../../src/dispatch/quiet-hours.js';
import { dayKey, localDayNumber, startOfNextDay } from '../../src/core/zoned-time.js';
import type { EtaInput } from '../../src/campaigns/eta.js';

/**
 * The plain walk the closed form must agree with: one sending window at a
 * time, asking the zone for every quiet-hours edge and every midnight.
 * Slow on long runs, obviously right on short ones.
 */
export function walkFinish(input: EtaInput): number {
  const perMessage = Math.max(1, Math.round(meanGapMs(input.pacing) + input.sendMs));
  const capOn = (at: number) => input.caps.capOn(localDayNumber(at, input.timeZone));
  let t = input.now;
  let remaining = input.remaining;
  let sentToday = input.sentToday;
  let today = dayKey(t, input.timeZone);
  let capToday = capOn(t);
  while (remaining > 0) {
    const quietEnd = quietUntil(t, input.quietHours, input.timeZone);
    if (quietEnd !== undefined) {
      t = quietEnd;
      continue;
    }
    const day = dayKey(t, input.timeZone);
    if (day !== today) {
      today = day;
      sentToday = 0;
      capToday = capOn(t);
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
  return t;
}
