import { err, ok, type Result } from '../core/result.js';

/**
 * A standard 5-field cron expression (minute hour day-of-month month weekday),
 * as crontab(5) reads it: lists, ranges, steps, month and weekday names, 0 or 7
 * for Sunday. When both day fields are restricted a day matching either runs.
 */
export interface CronFields {
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0 = Sunday. */
  weekdays: ReadonlySet<number>;
  /** True when the field starts with `*` (crontab's rule for the either-day match). */
  anyDayOfMonth: boolean;
  anyWeekday: boolean;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
export const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'weekday', min: 0, max: 7, names: WEEKDAY_NAMES },
];

function value(text: string, field: FieldSpec): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index < 0) return undefined;
  return field.name === 'month' ? index + 1 : index;
}

function parseField(text: string, field: FieldSpec): Result<number[]> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!match) return err(`"${part}" is not a valid ${field.name} field`);
    const [, range, stepText] = match;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) return err(`the ${field.name} step in "${part}" must be at least 1`);
    let from: number | undefined;
    let to: number | undefined;
    if (range === '*') {
      from = field.min;
      to = field.max === 7 ? 6 : field.max;
    } else {
      const bounds = range!.split('-');
      if (bounds.length > 2) return err(`"${part}" is not a valid ${field.name} range`);
      from = value(bounds[0]!, field);
      to = bounds.length === 2 ? value(bounds[1]!, field) : stepText === undefined ? from : field.max;
    }
    if (from === undefined || to === undefined) return err(`"${part}" is not a valid ${field.name}`);
    if (from < field.min || to > field.max || from > to) {
      return err(`${field.name} "${part}" is out of range (${field.min}-${field.max})`);
    }
    for (let v = from; v <= to; v += step) values.add(field.max === 7 && v === 7 ? 0 : v);
  }
  return ok([...values].sort((a, b) => a - b));
}

export function parseCron(expression: string): Result<CronFields> {
  const parts = expression.trim().split(/\s+/).filter((p) => p !== '');
  if (parts.length !== 5) {
    return err(`"${expression}" has ${parts.length} field${parts.length === 1 ? '' : 's'}; a cron expression has 5 (minute hour day month weekday)`);
  }
  const parsed: number[][] = [];
  for (let i = 0; i < 5; i++) {
    const field = parseField(parts[i]!, FIELDS[i]!);
    if (!field.ok) return field;
    parsed.push(field.value);
  }
  const [minutes, hours, daysOfMonth, months, weekdays] = parsed as [number[], number[], number[], number[], number[]];
  return ok({
    minutes,
    hours,
    daysOfMonth: new Set(daysOfMonth),
    months: new Set(months),
    weekdays: new Set(weekdays),
    anyDayOfMonth: parts[2]!.startsWith('*'),
    anyWeekday: parts[4]!.startsWith('*'),
  });
}

/** Whether a calendar day qualifies (the time fields are checked separately). */
export function cronMatchesDay(fields: CronFields, month: number, day: number, weekday: number): boolean {
  if (!fields.months.has(month)) return false;
  const byDate = fields.daysOfMonth.has(day);
  const byWeekday = fields.weekdays.has(weekday);
  if (fields.anyDayOfMonth && fields.anyWeekday) return true;
  if (fields.anyDayOfMonth) return byWeekday;
  if (fields.anyWeekday) return byDate;
  return byDate || byWeekday;
}
