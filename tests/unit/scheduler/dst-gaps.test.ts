import { describe, expect, it } from 'vitest';
import { firstSkippedDay } from '../../../src/scheduler/dst-gaps.js';
import { nextFire } from '../../../src/scheduler/fire-times.js';
import type { Recurrence, ScheduleSpec } from '../../../src/scheduler/schedule-spec.js';

const spec = (recurrence: Recurrence, timeZone: string, untilAt: number | null = null): ScheduleSpec => ({ recurrence, timeZone, untilAt });
const JAN_5 = Date.UTC(2026, 0, 5, 12);

describe('firstSkippedDay', () => {
  it('names the spring-forward day of a daily time the clocks skip', () => {
    expect(firstSkippedDay(spec({ kind: 'daily', hour: 2, minute: 30 }, 'America/New_York'), JAN_5)).toBe('2026-03-08');
    expect(firstSkippedDay(spec({ kind: 'daily', hour: 2, minute: 30 }, 'Europe/Madrid'), JAN_5)).toBe('2026-03-29');
  });

  it('is the day node-cron has no fire on', () => {
    const daily = spec({ kind: 'daily', hour: 2, minute: 30 }, 'America/New_York');
    // From 7 March 02:30 EST (07:30Z) node-cron's next is 9 March: the 8th, the day named, has none.
    expect(new Date(nextFire(daily, Date.UTC(2026, 2, 7, 7, 30))!).toISOString()).toBe('2026-03-09T06:30:00.000Z');
  });

  it('says nothing for a time outside the jump, a zone without daylight saving, or a weekday the jump misses', () => {
    expect(firstSkippedDay(spec({ kind: 'daily', hour: 9, minute: 0 }, 'America/New_York'), JAN_5)).toBeUndefined();
    expect(firstSkippedDay(spec({ kind: 'daily', hour: 2, minute: 30 }, 'America/Sao_Paulo'), JAN_5)).toBeUndefined();
    // New York jumps on Sundays.
    expect(firstSkippedDay(spec({ kind: 'weekly', weekdays: [1, 3], hour: 2, minute: 30 }, 'America/New_York'), JAN_5)).toBeUndefined();
    expect(firstSkippedDay(spec({ kind: 'weekly', weekdays: [0], hour: 2, minute: 30 }, 'America/New_York'), JAN_5)).toBe('2026-03-08');
  });

  it('says nothing past until=, nor for one-offs and cron expressions', () => {
    expect(firstSkippedDay(spec({ kind: 'daily', hour: 2, minute: 30 }, 'America/New_York', Date.UTC(2026, 1, 28)), JAN_5)).toBeUndefined();
    expect(firstSkippedDay(spec({ kind: 'cron', expression: '30 2 * * *' }, 'America/New_York'), JAN_5)).toBeUndefined();
    expect(firstSkippedDay(spec({ kind: 'once', at: Date.UTC(2026, 2, 8, 7, 30) }, 'America/New_York'), JAN_5)).toBeUndefined();
  });
});
