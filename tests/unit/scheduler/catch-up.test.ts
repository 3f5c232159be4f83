import { describe, expect, it } from 'vitest';
import { decideDue, MISSED_COUNT_LIMIT } from '../../../src/scheduler/catch-up.js';
import type { ScheduleSpec } from '../../../src/scheduler/schedule-spec.js';

const HOUR = 3_600_000;
const at = (text: string) => Date.parse(text);
const daily: ScheduleSpec = { recurrence: { kind: 'daily', hour: 9, minute: 0 }, timeZone: 'UTC', untilAt: null };
const once: ScheduleSpec = { recurrence: { kind: 'once', at: at('2026-01-05T09:00:00Z') }, timeZone: 'UTC', untilAt: null };

describe('decideDue', () => {
  it('runs a fire found on time, with nothing missed', () => {
    expect(decideDue(daily, at('2026-01-05T09:00:00Z'), at('2026-01-05T09:00:00Z'), HOUR)).toEqual({
      run: true,
      missed: 0,
      missedAtLeast: false,
      latestDueAt: at('2026-01-05T09:00:00Z'),
      next: at('2026-01-06T09:00:00Z'),
    });
  });

  it('runs a one-off that is late by less than the catch-up limit, and then it is over', () => {
    const decision = decideDue(once, at('2026-01-05T09:00:00Z'), at('2026-01-05T09:59:59Z'), HOUR);
    expect(decision).toMatchObject({ run: true, missed: 0, next: null });
  });

  it('reports a one-off later than the catch-up limit as missed', () => {
    const decision = decideDue(once, at('2026-01-05T09:00:00Z'), at('2026-01-05T10:00:01Z'), HOUR);
    expect(decision).toMatchObject({ run: false, missed: 1, latestDueAt: at('2026-01-05T09:00:00Z'), next: null });
  });

  it('runs a recurring schedule once after many missed fires when the latest is within reach', () => {
    // Down from the 5th to the 10th at 09:30: six fires passed, the last 30 minutes ago.
    const decision = decideDue(daily, at('2026-01-05T09:00:00Z'), at('2026-01-10T09:30:00Z'), HOUR);
    expect(decision).toEqual({ run: true, missed: 5, missedAtLeast: false, latestDueAt: at('2026-01-10T09:00:00Z'), next: at('2026-01-11T09:00:00Z') });
  });

  it('skips a recurring schedule whose latest missed fire is out of reach, to its next time', () => {
    const decision = decideDue(daily, at('2026-01-05T09:00:00Z'), at('2026-01-10T15:00:00Z'), HOUR);
    expect(decision).toMatchObject({ run: false, missed: 6, latestDueAt: at('2026-01-10T09:00:00Z'), next: at('2026-01-11T09:00:00Z') });
  });

  it('stops counting missed fires at a limit', () => {
    const minutely: ScheduleSpec = { recurrence: { kind: 'cron', expression: '* * * * *' }, timeZone: 'UTC', untilAt: null };
    const decision = decideDue(minutely, at('2026-01-05T00:00:00Z'), at('2026-01-10T00:00:00Z'), HOUR);
    expect(decision.run).toBe(true);
    expect(decision.missedAtLeast).toBe(true);
    expect(decision.missed).toBe(MISSED_COUNT_LIMIT - 1);
    expect(decision.next).toBe(at('2026-01-10T00:01:00Z'));
  });

  it('does not catch up past until', () => {
    const bounded = { ...daily, untilAt: at('2026-01-07T23:59:59Z') };
    const decision = decideDue(bounded, at('2026-01-05T09:00:00Z'), at('2026-01-10T09:30:00Z'), HOUR);
    expect(decision).toMatchObject({ run: false, missed: 3, latestDueAt: at('2026-01-07T09:00:00Z'), next: null });
  });

  it('counts no missed fire for a time the clocks skipped while down (New York, spring forward)', () => {
    const early: ScheduleSpec = { recurrence: { kind: 'daily', hour: 2, minute: 30 }, timeZone: 'America/New_York', untilAt: null };
    // Due 7 March 02:30 EST (07:30Z), down until 9 March 02:40 EDT: 8 March has no 02:30, so one missed, one run.
    const decision = decideDue(early, at('2026-03-07T07:30:00Z'), at('2026-03-09T06:40:00Z'), HOUR);
    expect(decision).toEqual({ run: true, missed: 1, missedAtLeast: false, latestDueAt: at('2026-03-09T06:30:00Z'), next: at('2026-03-10T06:30:00Z') });
  });

  it('is the same answer for the same schedule, last fire and now', () => {
    const args = [daily, at('2026-01-05T09:00:00Z'), at('2026-01-10T09:30:00Z'), HOUR] as const;
    expect(decideDue(...args)).toEqual(decideDue(...args));
  });

  it('with CATCHUP_MAX_MS=0 runs only what is exactly on time', () => {
    expect(decideDue(daily, at('2026-01-05T09:00:00Z'), at('2026-01-05T09:00:00Z'), 0).run).toBe(true);
    expect(decideDue(daily, at('2026-01-05T09:00:00Z'), at('2026-01-05T09:00:01Z'), 0).run).toBe(false);
  });
});
