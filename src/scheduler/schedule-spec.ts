import { formatLocal } from '../core/zoned-time.js';
import { checkCronExpression } from './cron-rules.js';

export const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** When a schedule fires, in the operator's words. Times of day are local to the schedule's zone. */
export type Recurrence =
  | { kind: 'once'; at: number }
  | { kind: 'daily'; hour: number; minute: number }
  | { kind: 'weekly'; weekdays: readonly number[]; hour: number; minute: number }
  /** Days 29-31 run on the last day of shorter months. */
  | { kind: 'monthly'; day: number; hour: number; minute: number }
  /** Checked by node-cron, which also decides its fire times. */
  | { kind: 'cron'; expression: string };

export type ScheduleKind = Recurrence['kind'];
export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['once', 'daily', 'weekly', 'monthly', 'cron'];

export interface ScheduleSpec {
  recurrence: Recurrence;
  timeZone: string;
  /** The last instant a fire may happen (inclusive); null for no end. */
  untilAt: number | null;
}

export const isRecurring = (recurrence: Recurrence): boolean => recurrence.kind !== 'once';

const pad = (n: number) => String(n).padStart(2, '0');
export const clockText = (hour: number, minute: number) => `${pad(hour)}:${pad(minute)}`;
const weekdaysText = (days: readonly number[]) => days.map((d) => WEEKDAY_NAMES[d]).join(',');

/** The form kept in the `expression` column; `recurrenceFromStored` reads it back. */
export function storedExpression(recurrence: Recurrence): string {
  switch (recurrence.kind) {
    case 'once':
      return new Date(recurrence.at).toISOString();
    case 'daily':
      return clockText(recurrence.hour, recurrence.minute);
    case 'weekly':
      return `${weekdaysText(recurrence.weekdays)} ${clockText(recurrence.hour, recurrence.minute)}`;
    case 'monthly':
      return `${recurrence.day} ${clockText(recurrence.hour, recurrence.minute)}`;
    case 'cron':
      return recurrence.expression;
  }
}

/** Reads a stored schedule back; undefined when the row is not one this build wrote. */
export function recurrenceFromStored(kind: string, expression: string): Recurrence | undefined {
  const clock = (text: string | undefined) => {
    const match = /^(\d{2}):(\d{2})$/.exec(text ?? '');
    return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
  };
  const [first, second] = expression.split(' ');
  switch (kind) {
    case 'once': {
      const at = Date.parse(expression);
      return Number.isNaN(at) ? undefined : { kind, at };
    }
    case 'daily': {
      const time = clock(first);
      return time && { kind, ...time };
    }
    case 'weekly': {
      const time = clock(second);
      const weekdays = (first ?? '').split(',').map((name) => WEEKDAY_NAMES.indexOf(name));
      return time && weekdays.every((d) => d >= 0) ? { kind, weekdays, ...time } : undefined;
    }
    case 'monthly': {
      const time = clock(second);
      const day = Number(first);
      return time && day >= 1 && day <= 31 ? { kind, day, ...time } : undefined;
    }
    case 'cron': {
      return checkCronExpression(expression).ok ? { kind, expression } : undefined;
    }
    default:
      return undefined;
  }
}

/** "weekly MON 09:00", "once 2026-12-01 09:00", "cron \"0 9 * * MON\"". */
export function describeRecurrence(recurrence: Recurrence, timeZone: string): string {
  switch (recurrence.kind) {
    case 'once':
      return `once ${formatLocal(recurrence.at, timeZone)}`;
    case 'cron':
      return `cron "${recurrence.expression}"`;
    default:
      return `${recurrence.kind} ${storedExpression(recurrence)}`;
  }
}
