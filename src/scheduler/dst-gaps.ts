import { localParts, zonedToEpoch } from '../core/zoned-time.js';
import type { ScheduleSpec } from './schedule-spec.js';

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The first local day, within `days` of `from`, on which a daily, weekly or
 * monthly schedule's time of day does not exist in its zone (the clocks jump
 * over it for daylight saving), as YYYY-MM-DD; node-cron has no fire that day,
 * and /schedule says so up front. Undefined when there is none, or for a
 * one-off or cron schedule.
 */
export function firstSkippedDay(spec: ScheduleSpec, from: number, days = 366): string | undefined {
  const { recurrence, timeZone } = spec;
  if (recurrence.kind !== 'daily' && recurrence.kind !== 'weekly' && recurrence.kind !== 'monthly') return undefined;
  const start = localParts(from, timeZone);
  for (let offset = 0; offset <= days; offset++) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + offset));
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    const day = date.getUTCDate();
    if (recurrence.kind === 'weekly' && !recurrence.weekdays.includes(date.getUTCDay())) continue;
    if (recurrence.kind === 'monthly' && day !== Math.min(recurrence.day, daysInMonth(year, month))) continue;
    const at = zonedToEpoch(timeZone, year, month, day, recurrence.hour, recurrence.minute);
    if (at <= from) continue;
    if (spec.untilAt !== null && at > spec.untilAt) return undefined;
    const shown = localParts(at, timeZone);
    if (shown.hour !== recurrence.hour || shown.minute !== recurrence.minute) return date.toISOString().slice(0, 10);
  }
  return undefined;
}
