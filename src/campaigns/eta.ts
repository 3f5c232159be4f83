import { meanGapMs, type Pacing } from '../dispatch/pacing.js';
import type { QuietHours } from '../dispatch/quiet-hours.js';
import { localDayNumber } from '../core/zoned-time.js';
import type { DailyCaps } from '../safety/warm-up.js';
import { DAY_MS, DayShapes, type DayShape } from './eta-days.js';

export interface EtaInput {
  now: number;
  remaining: number;
  pacing: Pacing;
  /** Average time a send itself takes (typing and network), on top of the gaps. */
  sendMs: number;
  /** Each local day's cap (0 = none): it rises day by day while the number warms up. */
  caps: DailyCaps;
  sentToday: number;
  quietHours: QuietHours | undefined;
  timeZone: string;
}

/** Past this many days ahead the estimate stops looking (a run that would take centuries). */
const MAX_DAYS = 100_000;

interface DayOutcome {
  sent: number;
  /** When the day's last message is done, or, when messages are left, when the next day may start sending. */
  t: number;
  finished: boolean;
}

/**
 * One day's sending from `t`: each window holds as many messages as start
 * before it closes (the last may run past it), until the cap or the messages
 * run out.
 */
function sendDay(shape: DayShape, from: number, remaining: number, capLeft: number, perMessage: number): DayOutcome {
  let t = from;
  let sent = 0;
  const limit = Math.min(remaining, capLeft);
  for (const [windowStart, windowEnd] of shape.windows) {
    if (sent >= limit) break;
    if (windowEnd <= t) continue;
    const startAt = Math.max(t, windowStart);
    const batch = Math.min(limit - sent, Math.ceil((windowEnd - startAt) / perMessage));
    t = startAt + batch * perMessage;
    sent += batch;
  }
  if (sent === remaining) return { sent, t, finished: true };
  return { sent, t: Math.max(t, shape.end), finished: false };
}

/**
 * When the remaining messages should be done: sending windows between quiet
 * hours, each day's cap (the warm-up ramp), day after day. In closed form
 * where days repeat: a day that leaves the next one starting where it started
 * itself, with the same cap and the same shape, repeats until the cap or the
 * zone's offset changes, so those days are taken all at once. Pure: same
 * input, same answer.
 */
export function estimateFinish(input: EtaInput): number {
  // Whole milliseconds keep the arithmetic exact, so days taken at once land where a day-by-day walk would.
  const perMessage = Math.max(1, Math.round(meanGapMs(input.pacing) + input.sendMs));
  const shapes = new DayShapes(input.quietHours, input.timeZone);
  const capOf = (day: number) => input.caps.capOn(day) || Number.POSITIVE_INFINITY;
  let remaining = input.remaining;
  if (remaining <= 0) return input.now;
  let t = input.now;
  let day = localDayNumber(t, input.timeZone);
  let capLeft = capOf(day) - input.sentToday;
  for (let walked = 0; walked < MAX_DAYS; walked++) {
    const shape = shapes.of(day);
    const outcome = sendDay(shape, t, remaining, capLeft, perMessage);
    if (outcome.finished) return outcome.t;
    remaining -= outcome.sent;
    const fullDay = capLeft === capOf(day);
    const repeats = fullDay && outcome.sent > 0 && outcome.t - shape.end === t - shape.start && capOf(day + 1) === capOf(day);
    if (repeats) {
      // Days after this one go the same way: skip them whole, leaving the last (partial) day to the walk.
      const sameCapDays = day + 1 >= input.caps.steadyFrom ? Number.POSITIVE_INFINITY : 0;
      const skip = Math.min(Math.floor((remaining - 1) / outcome.sent), shapes.steadyDays(day + 1), sameCapDays, MAX_DAYS - walked);
      if (skip > 0) {
        remaining -= skip * outcome.sent;
        day += skip;
        walked += skip;
        t = outcome.t + skip * DAY_MS;
      } else {
        t = outcome.t;
      }
    } else {
      t = outcome.t;
    }
    day += 1;
    // A message that ran past the next day's start (or past several days) is counted from the day it ends in.
    while (shapes.of(day).end <= t) day += 1;
    capLeft = capOf(day);
  }
  return t;
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}
