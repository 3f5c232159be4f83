import { formatLocal } from '../core/zoned-time.js';
import type { Schedule } from '../db/repos/schedules-repo.js';
import { describeRecurrence, isRecurring, recurrenceFromStored, type ScheduleSpec } from './schedule-spec.js';

/** A stored schedule as a spec; undefined when the row is not one this build can read. */
export function specOf(schedule: Schedule): ScheduleSpec | undefined {
  const recurrence = recurrenceFromStored(schedule.kind, schedule.expression);
  return recurrence && { recurrence, timeZone: schedule.timeZone, untilAt: schedule.untilAt };
}

/** A time as the operator reads it: local, with the zone named when it is not TZ. */
export function localTime(at: number, zone: string, defaultZone: string): string {
  return zone === defaultZone ? formatLocal(at, zone) : `${formatLocal(at, zone)} ${zone}`;
}

/** "Schedule 3: campaign 7, weekly MON 09:00, next 2026-01-12 09:00, until 2026-03-31 23:59 (last: ran run 4)". */
export function describeSchedule(schedule: Schedule, defaultZone: string): string {
  const spec = specOf(schedule);
  const zone = schedule.timeZone;
  const what = spec ? describeRecurrence(spec.recurrence, zone) : `${schedule.kind} ${schedule.expression}`;
  const parts = [`Schedule ${schedule.id}: campaign ${schedule.campaignId}, ${what}${zone === defaultZone ? '' : ` (${zone})`}`];
  if (!schedule.enabled) parts.push('over');
  else if (spec && isRecurring(spec.recurrence) && schedule.nextFireAt !== null) parts.push(`next ${localTime(schedule.nextFireAt, zone, defaultZone)}`);
  if (schedule.untilAt !== null) parts.push(`until ${localTime(schedule.untilAt, zone, defaultZone)}`);
  const line = parts.join(', ');
  return schedule.lastOutcome ? `${line} (last: ${schedule.lastOutcome})` : line;
}
