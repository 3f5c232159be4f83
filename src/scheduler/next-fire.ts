import { localParts, zonedToEpoch, zoneOffsetMs } from '../core/zoned-time.js';
import { cronMatchesDay, type CronFields } from './cron-expression.js';
import type { Recurrence, ScheduleSpec } from './schedule-spec.js';

/**
 * The next instant a schedule fires strictly after `after`, or null when it
 * never fires again. Pure: the same (spec, after) always gives the same answer.
 *
 * Around DST changes, times are wall-clock times in the schedule's zone: a time
 * the clocks skip (02:30 on a spring-forward night) fires when the clocks show
 * that time plus the jump (03:30), and a time that happens twice (01:30 on a
 * fall-back night) fires once, the first time.
 */
export function nextFire(spec: ScheduleSpec, after: number): number | null {
  const at = nextOccurrence(spec.recurrence, spec.timeZone, after);
  if (at === null || (spec.untilAt !== null && at > spec.untilAt)) return null;
  return at;
}

function nextOccurrence(recurrence: Recurrence, timeZone: string, after: number): number | null {
  switch (recurrence.kind) {
    case 'once':
      return recurrence.at > after ? recurrence.at : null;
    case 'daily':
    case 'weekly':
      return nextCron(asCron(recurrence), timeZone, after);
    case 'monthly':
      return nextMonthly(recurrence.day, recurrence.hour, recurrence.minute, timeZone, after);
    case 'cron':
      return nextCron(recurrence.fields, timeZone, after);
  }
}

const ALL_DAYS = new Set(Array.from({ length: 31 }, (_, i) => i + 1));
const ALL_MONTHS = new Set(Array.from({ length: 12 }, (_, i) => i + 1));

function asCron(recurrence: Extract<Recurrence, { kind: 'daily' | 'weekly' }>): CronFields {
  const weekly = recurrence.kind === 'weekly';
  return {
    minutes: [recurrence.minute],
    hours: [recurrence.hour],
    daysOfMonth: ALL_DAYS,
    months: ALL_MONTHS,
    weekdays: new Set(weekly ? recurrence.weekdays : [0, 1, 2, 3, 4, 5, 6]),
    anyDayOfMonth: true,
    anyWeekday: !weekly,
  };
}

/** Calendar arithmetic on a local date, done in UTC so no zone can shift it. */
function civil(year: number, month: number, day: number): { year: number; month: number; day: number; weekday: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: date.getUTCDay() };
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Long enough for 29 February (up to 8 years apart); beyond it, the expression never fires. */
const MAX_SEARCH_DAYS = 366 * 9;

function nextCron(fields: CronFields, timeZone: string, after: number): number | null {
  const start = localParts(after, timeZone);
  for (let offset = 0; offset <= MAX_SEARCH_DAYS; offset++) {
    const day = civil(start.year, start.month, start.day + offset);
    if (!cronMatchesDay(fields, day.month, day.day, day.weekday)) continue;
    const at = earliestOnDay(fields, timeZone, day, after);
    if (at !== undefined) return at;
  }
  return null;
}

interface DayInfo {
  start: number;
  offset: number;
  /** One offset from midnight to midnight (no DST change that day). */
  uniform: boolean;
}

// Zone lookups go through Intl and are slow; a day's facts never change, so
// they are remembered (bounded), which keeps the function pure in effect.
const dayInfoCache = new Map<string, DayInfo>();
const DAY_INFO_CACHE_SIZE = 1024;

function dayInfo(timeZone: string, day: { year: number; month: number; day: number }): DayInfo {
  const key = `${timeZone}|${day.year}-${day.month}-${day.day}`;
  let info = dayInfoCache.get(key);
  if (!info) {
    const start = zonedToEpoch(timeZone, day.year, day.month, day.day);
    const nextDay = civil(day.year, day.month, day.day + 1);
    const end = zonedToEpoch(timeZone, nextDay.year, nextDay.month, nextDay.day);
    const offset = zoneOffsetMs(start, timeZone);
    info = { start, offset, uniform: offset === zoneOffsetMs(end - 1, timeZone) };
    if (dayInfoCache.size >= DAY_INFO_CACHE_SIZE) dayInfoCache.clear();
    dayInfoCache.set(key, info);
  }
  return info;
}

/** The earliest matching time of one local day that is after `after`. */
function earliestOnDay(fields: CronFields, timeZone: string, day: { year: number; month: number; day: number }, after: number): number | undefined {
  const { start: dayStart, offset, uniform } = dayInfo(timeZone, day);
  const exact = (hour: number, minute: number) => zonedToEpoch(timeZone, day.year, day.month, day.day, hour, minute);

  if (uniform) {
    // One offset all day (nearly every day): local times map to instants in order.
    for (const hour of fields.hours) {
      for (const minute of fields.minutes) {
        let at = Date.UTC(day.year, day.month - 1, day.day, hour, minute) - offset;
        // A zone that jumps at midnight skips the day's first minutes: map them properly.
        if (at < dayStart) at = exact(hour, minute);
        if (at > after) return at;
      }
    }
    return undefined;
  }
  // A DST change today: a skipped time maps past the jump, which can reorder
  // instants against wall-clock order, so take the smallest.
  let best: number | undefined;
  for (const hour of fields.hours) {
    for (const minute of fields.minutes) {
      const at = exact(hour, minute);
      if (at > after && (best === undefined || at < best)) best = at;
    }
  }
  return best;
}

function nextMonthly(dayOfMonth: number, hour: number, minute: number, timeZone: string, after: number): number | null {
  const start = localParts(after, timeZone);
  for (let offset = 0; offset <= 12; offset++) {
    const month = civil(start.year, start.month + offset, 1);
    const day = Math.min(dayOfMonth, daysInMonth(month.year, month.month));
    const at = zonedToEpoch(timeZone, month.year, month.month, day, hour, minute);
    if (at > after) return at;
  }
  return null;
}
