import { err, ok, type Result } from '../core/result.js';
import { localParts, zonedToEpoch } from '../core/zoned-time.js';

/** A daily window, in local minutes since midnight, during which nothing is sent. */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

function parseClock(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return hours * 60 + minutes;
}

export function parseQuietHours(text: string): Result<QuietHours> {
  const [start, end, ...rest] = text.split('-');
  const startMinute = start === undefined ? undefined : parseClock(start);
  const endMinute = end === undefined ? undefined : parseClock(end);
  if (rest.length > 0 || startMinute === undefined || endMinute === undefined || startMinute === endMinute) {
    return err(`"${text}" is not a quiet-hours window; expected HH:MM-HH:MM such as 21:00-08:00`);
  }
  return ok({ startMinute, endMinute });
}

function inWindow(minute: number, quiet: QuietHours): boolean {
  return quiet.startMinute < quiet.endMinute
    ? minute >= quiet.startMinute && minute < quiet.endMinute
    : minute >= quiet.startMinute || minute < quiet.endMinute;
}

/** The instant `minuteOfDay` next occurs strictly after `now` (local time). */
function nextOccurrence(now: number, minuteOfDay: number, timeZone: string): number {
  const p = localParts(now, timeZone);
  for (let dayOffset = 0; dayOffset <= 2; dayOffset++) {
    const date = new Date(Date.UTC(p.year, p.month - 1, p.day + dayOffset));
    const at = zonedToEpoch(
      timeZone,
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      Math.floor(minuteOfDay / 60),
      minuteOfDay % 60,
    );
    if (at > now) return at;
  }
  return now + 86_400_000;
}

/** When quiet hours are on at `now`, the instant they end; otherwise undefined. */
export function quietUntil(now: number, quiet: QuietHours | undefined, timeZone: string): number | undefined {
  if (!quiet) return undefined;
  const p = localParts(now, timeZone);
  if (!inWindow(p.hour * 60 + p.minute, quiet)) return undefined;
  return nextOccurrence(now, quiet.endMinute, timeZone);
}

/** The next instant quiet hours begin after `now` (undefined when there are none). */
export function nextQuietStart(now: number, quiet: QuietHours | undefined, timeZone: string): number | undefined {
  if (!quiet) return undefined;
  return nextOccurrence(now, quiet.startMinute, timeZone);
}

export function formatQuietHours(quiet: QuietHours): string {
  const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${clock(quiet.startMinute)}-${clock(quiet.endMinute)}`;
}
