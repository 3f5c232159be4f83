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
 * The first instant after `from`, and no later than `limit`, at which the
 * zone's offset differs from the one at `from`; undefined when it holds till
 * `limit`. Probes a week at a time (zones change offset months apart, and
 * never twice within a week), then narrows to the second.
 */
export function nextOffsetChange(from: number, timeZone: string, limit: number): number | undefined {
  const offset = zoneOffsetMs(from, timeZone);
  let same = from;
  for (;;) {
    if (same >= limit) return undefined;
    const probe = Math.min(limit, same + WEEK_MS);
    if (zoneOffsetMs(probe, timeZone) === offset) {
      same = probe;
      continue;
    }
    // Offsets change on whole seconds: bisect over seconds between the two probes.
    let low = Math.floor(same / 1000);
    let high = Math.ceil(probe / 1000);
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (zoneOffsetMs(mid * 1000, timeZone) === offset) low = mid;
      else high = mid;
    }
    return Math.max(from + 1, high * 1000);
  }
}
