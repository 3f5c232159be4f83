/**
 * Wall-clock arithmetic in an IANA zone without a date library: quiet hours,
 * daily caps and schedules are all stated in the operator's local time.
 */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function localParts(epochMs: number, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0,
  };
}

/** Offset of the zone from UTC at that instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const p = localParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant a local wall-clock time occurs. A time skipped by a DST jump maps
 * to the instant just after the jump; a repeated time maps to its first occurrence.
 */
export function zonedToEpoch(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const firstGuess = wall - zoneOffsetMs(wall, timeZone);
  const candidates = [
    wall - zoneOffsetMs(firstGuess - 3_600_000 * 3, timeZone),
    wall - zoneOffsetMs(firstGuess, timeZone),
    wall - zoneOffsetMs(firstGuess + 3_600_000 * 3, timeZone),
  ].sort((a, b) => a - b);
  for (const candidate of candidates) {
    const p = localParts(candidate, timeZone);
    if (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) === wall) return candidate;
  }
  // The wall time does not exist (spring forward): the earliest instant after it.
  return Math.max(...candidates.filter((c) => c <= wall + 86_400_000));
}

export function dayKey(epochMs: number, timeZone: string): string {
  const p = localParts(epochMs, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The local calendar day of an instant as a day count (days since 1970-01-01 on the local calendar): differences are whole local days. */
export function localDayNumber(epochMs: number, timeZone: string): number {
  const p = localParts(epochMs, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day) / 86_400_000;
}

/** Local midnight that starts the day after the one `epochMs` falls in. */
export function startOfNextDay(epochMs: number, timeZone: string): number {
  const p = localParts(epochMs, timeZone);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return zonedToEpoch(timeZone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

export function formatLocal(epochMs: number, timeZone: string): string {
  const p = localParts(epochMs, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** The local calendar date of a day number (see localDayNumber). */
export function dateOfDayNumber(day: number): { year: number; month: number; day: number } {
  const date = new Date(day * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const WEEK_MS = 7 * 86_400_000;

/**
 * Offsets at whole weeks since the epoch, and the instant the offset changes
 * within a week when it does, per zone: ETAs ask about the same years ahead on
 * every /status, and each answer costs a time-zone conversion.
 */
const weekOffsets = new Map<string, Map<number, number>>();
const weekChanges = new Map<string, Map<number, number>>();
/** Past this many remembered weeks per zone (about 40 years) the memo starts over. */
const MAX_WEEKS = 2_000;

function memo<V>(maps: Map<string, Map<number, V>>, timeZone: string): Map<number, V> {
  let map = maps.get(timeZone);
  if (!map || map.size > MAX_WEEKS) {
    map = new Map();
    maps.set(timeZone, map);
  }
  return map;
}

function offsetAtWeek(week: number, timeZone: string): number {
  const offsets = memo(weekOffsets, timeZone);
  let offset = offsets.get(week);
  if (offset === undefined) {
    offset = zoneOffsetMs(week * WEEK_MS, timeZone);
    offsets.set(week, offset);
  }
  return offset;
}

/** The first second in (low, high] whose offset is not the one at `low` (which must differ at `high`). */
function bisectChange(low: number, high: number, timeZone: string): number {
  const offset = zoneOffsetMs(low * 1000, timeZone);
  let lo = low;
  let hi = high;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zoneOffsetMs(mid * 1000, timeZone) === offset) lo = mid;
    else hi = mid;
  }
  return hi * 1000;
}

/**
 * The first instant after `from`, and no later than `limit`, at which the
 * zone's offset differs from the one at `from`; undefined when it holds till
 * `limit`. Probes a week at a time (zones change offset months apart, and
 * never twice within a week), then narrows to the second.
 */
export function nextOffsetChange(from: number, timeZone: string, limit: number): number | undefined {
  const offset = zoneOffsetMs(from, timeZone);
  let week = Math.floor(from / WEEK_MS);
  let change: number | undefined;
  if (offsetAtWeek(week + 1, timeZone) !== offset) {
    // The offset changes later in the week `from` falls in; from the week's start unless it already changed before `from`.
    change = offsetAtWeek(week, timeZone) === offset ? changeInWeek(week, timeZone) : bisectChange(Math.floor(from / 1000), ((week + 1) * WEEK_MS) / 1000, timeZone);
  } else {
    for (week += 1; change === undefined && week * WEEK_MS < limit; week++) {
      if (offsetAtWeek(week + 1, timeZone) !== offset) change = changeInWeek(week, timeZone);
    }
  }
  return change !== undefined && change <= limit ? Math.max(from + 1, change) : undefined;
}

/** The instant the offset changes within a week whose start and end differ. */
function changeInWeek(week: number, timeZone: string): number {
  const changes = memo(weekChanges, timeZone);
  let change = changes.get(week);
  if (change === undefined) {
    change = bisectChange((week * WEEK_MS) / 1000, ((week + 1) * WEEK_MS) / 1000, timeZone);
    changes.set(week, change);
  }
  return change;
}
