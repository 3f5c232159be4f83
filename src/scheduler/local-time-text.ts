import { err, ok, type Result } from '../core/result.js';
import { zonedToEpoch } from '../core/zoned-time.js';

/** Dates and times as operators type them, read in a given IANA zone. */

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function checkTimeZone(zone: string): Result<string> {
  return isTimeZone(zone) ? ok(zone) : err(`"${zone}" is not a time zone; use an IANA name such as America/Sao_Paulo or Europe/Madrid`);
}

/** "09:00" or "9:00" -> hour and minute. */
export function parseClock(text: string): Result<{ hour: number; minute: number }> {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) return err(`"${text}" is not a time of day; use HH:MM from 00:00 to 23:59`);
  return ok({ hour, minute });
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export interface ReadInstant {
  at: number;
  /** False for a bare date: callers decide what a day without a time means. */
  hasTime: boolean;
  /** A zone named in the text itself ("…[Europe/Madrid]"). */
  zone: string | undefined;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?(?:\[([^\]]+)\])?$/i;

/**
 * An ISO 8601 date or date-time: with an offset (Z, -03:00) it is that instant;
 * with a zone in brackets, or none, it is a wall-clock time in that zone (or
 * `defaultZone`). A bare date is its zone's midnight.
 */
export function parseIsoInstant(text: string, defaultZone: string): Result<ReadInstant> {
  const match = ISO.exec(text);
  if (!match) return err(`"${text}" is not a date such as 2026-12-01 or a date-time such as 2026-12-01T09:00`);
  const [, y, mo, d, h, mi, s, offsetText, bracketZone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hasTime = h !== undefined;
  const hour = hasTime ? Number(h) : 0;
  const minute = hasTime ? Number(mi) : 0;
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return err(`${y}-${mo}-${d} is not a date on the calendar`);
  if (hour > 23 || minute > 59 || second > 59) return err(`"${text}" has no such time of day; use 00:00 to 23:59`);
  if (bracketZone !== undefined && !offsetText) {
    const zone = checkTimeZone(bracketZone);
    if (!zone.ok) return zone;
  }
  if (offsetText) {
    if (!hasTime) return err(`"${text}" has an offset but no time of day`);
    const offset = /^([+-])(\d{2}):?(\d{2})?$/.exec(offsetText);
    const minutes = offset ? (Number(offset[2]) * 60 + Number(offset[3] ?? 0)) * (offset[1] === '-' ? -1 : 1) : 0;
    if (Math.abs(minutes) > 18 * 60) return err(`"${offsetText}" is not a UTC offset`);
    return ok({ at: Date.UTC(year, month - 1, day, hour, minute, second) - minutes * 60_000, hasTime, zone: bracketZone });
  }
  const zone = bracketZone ?? defaultZone;
  return ok({ at: zonedToEpoch(zone, year, month, day, hour, minute, second), hasTime, zone: bracketZone });
}

export const WEEKDAY_WORDS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function weekday(text: string): number | undefined {
  const lower = text.toLowerCase();
  const index = WEEKDAY_WORDS.findIndex((word) => word === lower || word.slice(0, 3) === lower);
  return index < 0 ? undefined : index;
}

/** "MON", "monday", "MON,THU", "MON-FRI" -> weekday numbers (0 = Sunday), sorted. */
export function parseWeekdays(text: string): Result<number[]> {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [fromText, toText, ...rest] = part.split('-');
    const from = weekday(fromText ?? '');
    const to = toText === undefined ? from : weekday(toText);
    if (rest.length > 0 || from === undefined || to === undefined) {
      return err(`"${text}" is not a weekday; use MON, TUE, WED, THU, FRI, SAT or SUN (or a list such as MON,THU)`);
    }
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return ok([...days].sort((a, b) => a - b));
}
