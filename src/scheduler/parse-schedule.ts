import { tokenize, type Token } from '../core/command-parser.js';
import { err, ok, type Result } from '../core/result.js';
import { formatLocal, zonedToEpoch } from '../core/zoned-time.js';
import { checkCronExpression } from './cron-rules.js';
import { nextFire } from './fire-times.js';
import { checkTimeZone, parseClock, parseIsoInstant, parseWeekdays } from './local-time-text.js';
import type { Recurrence, ScheduleSpec } from './schedule-spec.js';

/** Every form /schedule takes, on one line: the tail of every refusal. */
export const ACCEPTED_FORMS =
  'Accepted: 2026-12-01T09:00 (optionally ending in Z, -03:00 or [Europe/Madrid]), daily 09:00, weekly MON 09:00, ' +
  'monthly 15 09:00, or a 5-field cron expression in quotes such as "0 9 * * MON"; ' +
  'then optionally until=2026-12-31 (recurring only) and tz=Europe/Madrid.';

export interface ScheduleInput {
  /** What the operator typed after the campaign id; may itself hold until= and tz=. */
  when: string;
  /** until= and tz= given as separate options (Discord). */
  until?: string;
  timeZone?: string;
}

export interface ParsedSchedule {
  spec: ScheduleSpec;
  firstFireAt: number;
}

const ZONE_TOKEN = /^(?:UTC|GMT|[A-Za-z][A-Za-z_+-]*(?:\/[A-Za-z0-9_+-]+)+)$/;

interface Split {
  words: Token[];
  until: string | undefined;
  zone: string | undefined;
}

/** Separates until= and tz= from the words of the schedule itself. */
function split(input: ScheduleInput): Result<Split> {
  const words: Token[] = [];
  let until = input.until;
  let zone = input.timeZone;
  for (const token of tokenize(input.when)) {
    const keyword = token.quoted ? undefined : /^(until|tz)=(.*)$/i.exec(token.value);
    if (!keyword) {
      words.push(token);
      continue;
    }
    const isUntil = keyword[1]!.toLowerCase() === 'until';
    if ((isUntil ? until : zone) !== undefined) return err(`${keyword[1]}= is given twice`);
    if (isUntil) until = keyword[2];
    else zone = keyword[2];
  }
  // A zone in brackets on the date ("2026-12-01T09:00[Europe/Madrid]") is the schedule's zone too.
  const bracketZone = words[0] && /\[([^\]]+)\]$/.exec(words[0].value)?.[1];
  if (zone === undefined && bracketZone) zone = bracketZone;
  const last = words.at(-1);
  if (zone === undefined && last && !last.quoted && words.length > 1 && ZONE_TOKEN.test(last.value)) {
    zone = last.value;
    words.pop();
  }
  return ok({ words, until, zone });
}

function recurrenceOf(words: Token[], zone: string, now: number): Result<Recurrence> {
  const values = words.map((w) => w.value);
  const [first = '', ...rest] = values;
  const form = first.toLowerCase();
  const expectParts = (count: number, example: string): Result<void> =>
    rest.length === count ? ok(undefined) : err(`"${values.join(' ')}" is not a ${form} schedule; write it as ${example}`);

  if (form === 'daily') {
    const shape = expectParts(1, 'daily 09:00');
    if (!shape.ok) return shape;
    const time = parseClock(rest[0]!);
    return time.ok ? ok({ kind: 'daily', ...time.value }) : time;
  }
  if (form === 'weekly') {
    const shape = expectParts(2, 'weekly MON 09:00');
    if (!shape.ok) return shape;
    const weekdays = parseWeekdays(rest[0]!);
    if (!weekdays.ok) return weekdays;
    const time = parseClock(rest[1]!);
    return time.ok ? ok({ kind: 'weekly', weekdays: weekdays.value, ...time.value }) : time;
  }
  if (form === 'monthly') {
    const shape = expectParts(2, 'monthly 15 09:00');
    if (!shape.ok) return shape;
    const day = /^\d{1,2}$/.test(rest[0]!) ? Number(rest[0]) : 0;
    if (day < 1 || day > 31) return err(`"${rest[0]}" is not a day of the month; use 1 to 31 (29-31 run on the last day of shorter months)`);
    const time = parseClock(rest[1]!);
    return time.ok ? ok({ kind: 'monthly', day, ...time.value }) : time;
  }
  if (/^\d{4}-\d/.test(first)) {
    // "2026-12-01 09:00" arrives as two words.
    const text = rest.length === 1 && /^\d{1,2}:\d{2}/.test(rest[0]!) ? `${first}T${rest[0]}` : rest.length === 0 ? first : undefined;
    if (text === undefined) return err(`unexpected "${rest.join(' ')}" after the date`);
    const instant = parseIsoInstant(text, zone);
    if (!instant.ok) return instant;
    if (!instant.value.hasTime) return err(`${first} has no time of day; write it as ${first}T09:00`);
    if (instant.value.at <= now) return err(`${formatLocal(instant.value.at, zone)} (${zone}) is in the past`);
    return ok({ kind: 'once', at: instant.value.at });
  }
  // A quoted expression arrives unquoted when it is all the command had: words
  // made of cron characters, with a digit or a star, are read as a cron attempt.
  const quotedCron = words.length === 1 && words[0]!.quoted;
  const bareCron = words.length >= 2 && words.every((w) => !w.quoted && /^[\w*,/#?-]+$/.test(w.value)) && words.some((w) => /[\d*]/.test(w.value));
  if (quotedCron || bareCron) {
    const expression = values.join(' ').trim().replace(/\s+/g, ' ');
    const checked = checkCronExpression(expression);
    return checked.ok ? ok({ kind: 'cron', expression: checked.value }) : checked;
  }
  if (values.length === 0) return err('the schedule is missing');
  return err(`"${values.join(' ')}" is not a schedule`);
}

/** The last instant an until= allows: a bare date means to the end of that day. */
function untilInstant(text: string, zone: string): Result<number> {
  const instant = parseIsoInstant(text, zone);
  if (!instant.ok) return err(`the until date "${text}" is not a date such as 2026-12-31 or a date-time such as 2026-12-31T18:00`);
  if (instant.value.hasTime) return ok(instant.value.at);
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return ok(zonedToEpoch(instant.value.zone ?? zone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()) - 1);
}

/**
 * What the operator typed -> a schedule and its first fire, or the one thing
 * that is wrong with it (callers add ACCEPTED_FORMS). `now` makes "in the past"
 * checkable; `defaultTimeZone` is TZ.
 */
export function parseSchedule(input: ScheduleInput, context: { now: number; defaultTimeZone: string }): Result<ParsedSchedule> {
  const parts = split(input);
  if (!parts.ok) return parts;
  const zone = checkTimeZone(parts.value.zone ?? context.defaultTimeZone);
  if (!zone.ok) return zone;
  const recurrence = recurrenceOf(parts.value.words, zone.value, context.now);
  if (!recurrence.ok) return recurrence;

  const open: ScheduleSpec = { recurrence: recurrence.value, timeZone: zone.value, untilAt: null };
  const first = nextFire(open, context.now);
  if (first === null) return err(`"${describeWords(parts.value.words)}" never fires`);
  if (parts.value.until === undefined) return ok({ spec: open, firstFireAt: first });

  if (recurrence.value.kind === 'once') return err('until= is for recurring schedules; a one-off runs once');
  const untilAt = untilInstant(parts.value.until, zone.value);
  if (!untilAt.ok) return untilAt;
  if (untilAt.value <= context.now) return err(`the until date ${parts.value.until} is in the past`);
  if (untilAt.value < first) return err(`the until date ${parts.value.until} is before the first run (${formatLocal(first, zone.value)} ${zone.value})`);
  return ok({ spec: { ...open, untilAt: untilAt.value }, firstFireAt: first });
}

const describeWords = (words: Token[]) => words.map((w) => w.value).join(' ');
