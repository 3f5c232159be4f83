import { dateOfDayNumber, nextOffsetChange, zonedToEpoch } from '../core/zoned-time.js';
import type { QuietHours } from '../dispatch/quiet-hours.js';

export const DAY_MS = 86_400_000;

/** One local day as instants: where it starts and ends, and its sending windows (the day outside quiet hours). */
export interface DayShape {
  /** Local day number (see localDayNumber). */
  day: number;
  start: number;
  end: number;
  /** [from, to) instants, in order, within [start, end). */
  windows: ReadonlyArray<readonly [number, number]>;
}

/** How far ahead a zone's offset is checked at a time: about a year of weekly probes. */
const STEADY_HORIZON_MS = 366 * DAY_MS;

/** Exact shapes already worked out, by zone, quiet hours and day: every /status asks for the same few days. */
const exactShapes = new Map<string, DayShape>();
const MAX_EXACT_SHAPES = 1_000;

function exactShape(day: number, quiet: QuietHours | undefined, timeZone: string): DayShape {
  const key = `${timeZone}|${quiet ? `${quiet.startMinute}-${quiet.endMinute}` : ''}|${day}`;
  let shape = exactShapes.get(key);
  if (!shape) {
    if (exactShapes.size >= MAX_EXACT_SHAPES) exactShapes.clear();
    shape = workOutShape(day, quiet, timeZone);
    exactShapes.set(key, shape);
  }
  return shape;
}

function workOutShape(day: number, quiet: QuietHours | undefined, timeZone: string): DayShape {
  const date = dateOfDayNumber(day);
  const next = dateOfDayNumber(day + 1);
  const start = zonedToEpoch(timeZone, date.year, date.month, date.day);
  const end = zonedToEpoch(timeZone, next.year, next.month, next.day);
  if (!quiet) return { day, start, end, windows: [[start, end]] };
  const at = (minute: number) => Math.min(end, Math.max(start, zonedToEpoch(timeZone, date.year, date.month, date.day, Math.floor(minute / 60), minute % 60)));
  const quietStart = at(quiet.startMinute);
  const quietEnd = at(quiet.endMinute);
  const windows: Array<readonly [number, number]> =
    quiet.startMinute < quiet.endMinute
      ? [
          [start, quietStart],
          [quietEnd, end],
        ]
      : [[quietEnd, quietStart]];
  return { day, start, end, windows: windows.filter(([from, to]) => to > from) };
}

function shifted(shape: DayShape, days: number): DayShape {
  const by = days * DAY_MS;
  return { day: shape.day + days, start: shape.start + by, end: shape.end + by, windows: shape.windows.map(([from, to]) => [from + by, to + by] as const) };
}

/**
 * The shapes of the days ahead. Between two changes of the zone's offset every
 * day is the one before it moved by 24 hours, so only the first day after a
 * change takes time-zone conversions; the rest is arithmetic.
 */
export class DayShapes {
  private base: DayShape | undefined;
  /** The first instant at which the offset may differ from the base day's. */
  private steadyUntil = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly quiet: QuietHours | undefined,
    private readonly timeZone: string,
  ) {}

  of(day: number): DayShape {
    const base = this.base;
    if (base && day === base.day) return base;
    if (base && day > base.day && this.steadyDays(day) > 0) return shifted(base, day - base.day);
    const fresh = exactShape(day, this.quiet, this.timeZone);
    this.base = fresh;
    this.steadyUntil = nextOffsetChange(fresh.start, this.timeZone, fresh.start + STEADY_HORIZON_MS) ?? fresh.start + STEADY_HORIZON_MS;
    return fresh;
  }

  /** How many days from `day` on (itself included) are known to be the base day moved by whole days; 0 when it is not. */
  steadyDays(day: number): number {
    const base = this.base;
    if (!base || day < base.day) return 0;
    // A day of 23 or 25 hours (the clocks changed at its midnight) is no pattern for the next.
    if (base.end - base.start !== DAY_MS) return day === base.day ? 1 : 0;
    // A day counts when its end, the next day's start, still has the base day's offset.
    const lastSteadyDay = base.day + Math.floor((this.steadyUntil - 1 - base.end) / DAY_MS);
    return Math.max(0, lastSteadyDay - day + 1);
  }
}
