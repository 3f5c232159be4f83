import { describe, expect, it } from 'vitest';
import { parseSchedule, type ParsedSchedule, type ScheduleInput } from '../../../src/scheduler/parse-schedule.js';
import { recurrenceFromStored, storedExpression } from '../../../src/scheduler/schedule-spec.js';

const NOW = Date.parse('2026-01-05T12:00:00Z');
const context = { now: NOW, defaultTimeZone: 'America/Sao_Paulo' };

function parsed(when: string, extra: Omit<ScheduleInput, 'when'> = {}): ParsedSchedule {
  const result = parseSchedule({ when, ...extra }, context);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function problem(when: string, extra: Omit<ScheduleInput, 'when'> = {}): string {
  const result = parseSchedule({ when, ...extra }, context);
  if (result.ok) throw new Error(`"${when}" was accepted`);
  return result.error;
}

const first = (p: ParsedSchedule) => new Date(p.firstFireAt).toISOString();

describe('parseSchedule', () => {
  it('reads a date-time without a zone in TZ', () => {
    const p = parsed('2026-12-01T09:00');
    expect(p.spec.recurrence.kind).toBe('once');
    expect(p.spec.timeZone).toBe('America/Sao_Paulo');
    expect(first(p)).toBe('2026-12-01T12:00:00.000Z');
    expect(first(parsed('2026-12-01 09:00'))).toBe('2026-12-01T12:00:00.000Z');
  });

  it('reads a date-time with an offset, Z, a zone in brackets, a trailing zone or tz=', () => {
    expect(first(parsed('2026-12-01T09:00-05:00'))).toBe('2026-12-01T14:00:00.000Z');
    expect(first(parsed('2026-12-01T09:00:30Z'))).toBe('2026-12-01T09:00:30.000Z');
    const bracket = parsed('2026-12-01T09:00[Europe/Madrid]');
    expect(first(bracket)).toBe('2026-12-01T08:00:00.000Z');
    expect(bracket.spec.timeZone).toBe('Europe/Madrid');
    expect(first(parsed('2026-12-01T09:00 Europe/Madrid'))).toBe('2026-12-01T08:00:00.000Z');
    expect(first(parsed('2026-12-01T09:00 tz=Europe/Madrid'))).toBe('2026-12-01T08:00:00.000Z');
    expect(first(parsed('2026-12-01T09:00', { timeZone: 'Europe/Madrid' }))).toBe('2026-12-01T08:00:00.000Z');
  });

  it('reads daily, weekly and monthly forms, with an optional zone', () => {
    expect(parsed('daily 09:00').spec.recurrence).toEqual({ kind: 'daily', hour: 9, minute: 0 });
    expect(first(parsed('daily 09:00'))).toBe('2026-01-06T12:00:00.000Z');
    expect(parsed('weekly MON 09:00').spec.recurrence).toEqual({ kind: 'weekly', weekdays: [1], hour: 9, minute: 0 });
    expect(parsed('WEEKLY mon,thursday 7:05').spec.recurrence).toEqual({ kind: 'weekly', weekdays: [1, 4], hour: 7, minute: 5 });
    expect(parsed('weekly MON-FRI 09:00').spec.recurrence).toEqual({ kind: 'weekly', weekdays: [1, 2, 3, 4, 5], hour: 9, minute: 0 });
    expect(parsed('monthly 15 09:00').spec.recurrence).toEqual({ kind: 'monthly', day: 15, hour: 9, minute: 0 });
    const madrid = parsed('daily 09:00 Europe/Madrid');
    expect(madrid.spec.timeZone).toBe('Europe/Madrid');
    expect(first(madrid)).toBe('2026-01-06T08:00:00.000Z');
  });

  it('reads a 5-field cron expression, quoted or not', () => {
    const quoted = parsed('"0 9 * * MON"');
    expect(quoted.spec.recurrence).toMatchObject({ kind: 'cron', expression: '0 9 * * MON' });
    // 2026-01-05 12:00Z is 09:00 in São Paulo on a Monday: the next is a week later.
    expect(first(quoted)).toBe('2026-01-12T12:00:00.000Z');
    expect(parsed('0 9 * * MON').spec.recurrence).toMatchObject({ kind: 'cron', expression: '0 9 * * MON' });
    expect(parsed('"*/15 8-18 * * 1-5" UTC').spec.timeZone).toBe('UTC');
  });

  it('takes until= as the end of that day, or a date-time, in the schedule zone', () => {
    const p = parsed('daily 09:00 until=2026-01-10');
    expect(new Date(p.spec.untilAt!).toISOString()).toBe('2026-01-11T02:59:59.999Z');
    expect(new Date(parsed('daily 09:00', { until: '2026-01-10T10:00' }).spec.untilAt!).toISOString()).toBe('2026-01-10T13:00:00.000Z');
  });

  it('refuses a date in the past', () => {
    expect(problem('2026-01-05T08:59')).toBe('2026-01-05 08:59 (America/Sao_Paulo) is in the past');
  });

  it('refuses a bad cron with the field that is wrong', () => {
    expect(problem('"0 9 * *"')).toContain('has 4 fields; a cron expression has 5');
    // What a chat front-end passes when the quoted expression was all there was.
    expect(problem('0 9 *')).toBe('"0 9 *" has 3 fields; a cron expression has 5 (minute hour day month weekday)');
    // node-cron's verdict, every wrong field named, with what the field takes.
    expect(problem('"61 9 * * *"')).toBe('"61 9 * * *" is not a cron expression node-cron accepts: minute "61" is not valid (0-59)');
    expect(problem('"0 25 * * FUNDAY"')).toBe(
      '"0 25 * * FUNDAY" is not a cron expression node-cron accepts: hour "25" is not valid (0-23); weekday "FUNDAY" is not valid (0-7 or SUN-SAT, 5L, 1#2)',
    );
    expect(problem('"0 0 30 2 *"')).toBe('"0 0 30 2 *" is not a cron expression node-cron accepts: day of month "30" never comes in the months it names');
    expect(problem('"0 9 * * MON;rm"')).toContain('it has characters cron does not use');
    // Seconds are node-cron's, not the operators': schedules go to the minute.
    expect(problem('"0 0 9 * * MON"')).toBe('"0 0 9 * * MON" has 6 fields; a cron expression has 5 (minute hour day month weekday)');
  });

  it('refuses a bad zone', () => {
    expect(problem('daily 09:00 tz=Mars/Olympus')).toContain('"Mars/Olympus" is not a time zone');
    expect(problem('2026-12-01T09:00[Nowhere/City]')).toContain('"Nowhere/City" is not a time zone');
  });

  it('refuses an until before the first run, in the past, or on a one-off', () => {
    expect(problem('weekly FRI 09:00 until=2026-01-08')).toBe('the until date 2026-01-08 is before the first run (2026-01-09 09:00 America/Sao_Paulo)');
    expect(problem('daily 09:00 until=2026-01-01')).toBe('the until date 2026-01-01 is in the past');
    expect(problem('2026-12-01T09:00 until=2026-12-31')).toBe('until= is for recurring schedules; a one-off runs once');
    expect(problem('daily 09:00 until=soon')).toBe('the until date "soon" is not a date such as 2026-12-31 or a date-time such as 2026-12-31T18:00');
  });

  it('refuses what it cannot read, naming it', () => {
    expect(problem('tomorrow at nine')).toBe('"tomorrow at nine" is not a schedule');
    expect(problem('daily 25:00')).toBe('"25:00" is not a time of day; use HH:MM from 00:00 to 23:59');
    expect(problem('weekly 09:00')).toBe('"weekly 09:00" is not a weekly schedule; write it as weekly MON 09:00');
    expect(problem('monthly 32 09:00')).toContain('"32" is not a day of the month');
    expect(problem('2026-02-30T09:00')).toBe('2026-02-30 is not a date on the calendar');
    expect(problem('2026-12-01')).toBe('2026-12-01 has no time of day; write it as 2026-12-01T09:00');
    expect(problem('daily 09:00 until=2026-12-31 until=2027-01-01')).toBe('until= is given twice');
  });
});

describe('stored schedules', () => {
  it('read back exactly what was written, for every form', () => {
    for (const recurrence of [
      { kind: 'once', at: Date.parse('2026-12-01T12:00:00Z') },
      { kind: 'daily', hour: 9, minute: 5 },
      { kind: 'weekly', weekdays: [1, 4], hour: 18, minute: 30 },
      { kind: 'monthly', day: 31, hour: 0, minute: 0 },
      { kind: 'cron', expression: '0 9 * * MON-FRI' },
    ] as const) {
      expect(recurrenceFromStored(recurrence.kind, storedExpression(recurrence))).toEqual(recurrence);
    }
    expect(recurrenceFromStored('hourly', '5')).toBeUndefined();
  });
});
