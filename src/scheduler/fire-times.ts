import { nextCronMatch } from './cron-rules.js';
import type { Recurrence, ScheduleSpec } from './schedule-spec.js';

/** One node-cron pattern in its zone: a schedule fires at the earliest of its triggers. */
export interface CronTrigger {
  pattern: string;
  timeZone: string;
}

/** Months some years make shorter than the day: February for 29 and 30, the 30-day months too for 31. */
const SHORTER_MONTHS: Record<number, string> = { 29: '2', 30: '2', 31: '2,4,6,9,11' };

/**
 * The node-cron patterns a schedule fires by. A one-off is its instant to the
 * second in UTC (the pattern would come round again a year later; by then the
 * schedule is over and its task destroyed). "monthly 31" is the 31st, plus the
 * last day (`L`) of the months that have no 31st.
 */
export function triggersOf(recurrence: Recurrence, timeZone: string): CronTrigger[] {
  switch (recurrence.kind) {
    case 'once': {
      const at = new Date(recurrence.at);
      const pattern = `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} ${at.getUTCDate()} ${at.getUTCMonth() + 1} *`;
      return [{ pattern, timeZone: 'UTC' }];
    }
    case 'daily':
      return [{ pattern: `${recurrence.minute} ${recurrence.hour} * * *`, timeZone }];
    case 'weekly':
      return [{ pattern: `${recurrence.minute} ${recurrence.hour} * * ${recurrence.weekdays.join(',')}`, timeZone }];
    case 'monthly': {
      const time = `${recurrence.minute} ${recurrence.hour}`;
      const triggers = [{ pattern: `${time} ${recurrence.day} * *`, timeZone }];
      const shorter = SHORTER_MONTHS[recurrence.day];
      if (shorter) triggers.push({ pattern: `${time} L ${shorter} *`, timeZone });
      return triggers;
    }
    case 'cron':
      return [{ pattern: recurrence.expression, timeZone }];
  }
}

/**
 * The next instant a schedule fires strictly after `after`, or null when it
 * never fires again. Pure: the same (spec, after) always gives the same answer,
 * and it is the instant node-cron's task for the schedule fires at.
 */
export function nextFire(spec: ScheduleSpec, after: number): number | null {
  const { recurrence } = spec;
  let at: number | null;
  if (recurrence.kind === 'once') at = recurrence.at > after ? recurrence.at : null;
  else {
    at = null;
    for (const trigger of triggersOf(recurrence, spec.timeZone)) {
      const next = nextCronMatch(trigger.pattern, trigger.timeZone, after);
      if (next !== null && (at === null || next < at)) at = next;
    }
  }
  if (at === null || (spec.untilAt !== null && at > spec.untilAt)) return null;
  return at;
}
