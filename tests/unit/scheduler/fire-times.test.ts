import { describe, expect, it, vi } from 'vitest';
import cron from 'node-cron';
import { nextFire, triggersOf } from '../../../src/scheduler/fire-times.js';
import type { Recurrence, ScheduleSpec } from '../../../src/scheduler/schedule-spec.js';

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const utc = (text: string) => Date.parse(text);

const cronOf = (expression: string): Recurrence => ({ kind: 'cron', expression });

function spec(recurrence: Recurrence, timeZone = 'UTC', untilAt: number | null = null): ScheduleSpec {
  return { recurrence, timeZone, untilAt };
}

/** The next `count` fire times after `from`. */
function fires(s: ScheduleSpec, from: string, count: number): (string | null)[] {
  const out: (string | null)[] = [];
  let at = utc(from);
  for (let i = 0; i < count; i++) {
    const next = nextFire(s, at);
    out.push(iso(next));
    if (next === null) break;
    at = next;
  }
  return out;
}

describe('nextFire', () => {
  it('fires a one-off once, strictly after now', () => {
    const once = spec({ kind: 'once', at: utc('2026-02-01T09:00:00Z') });
    expect(iso(nextFire(once, utc('2026-01-05T12:00:00Z')))).toBe('2026-02-01T09:00:00.000Z');
    expect(nextFire(once, utc('2026-02-01T09:00:00Z'))).toBeNull();
  });

  it('fires daily at the local time of the schedule zone', () => {
    const daily = spec({ kind: 'daily', hour: 9, minute: 0 }, 'America/Sao_Paulo');
    expect(fires(daily, '2026-01-05T12:00:00Z', 3)).toEqual(['2026-01-06T12:00:00.000Z', '2026-01-07T12:00:00.000Z', '2026-01-08T12:00:00.000Z']);
    // At 11:59 UTC (08:59 local) today's 09:00 is still ahead.
    expect(iso(nextFire(daily, utc('2026-01-05T11:59:00Z')))).toBe('2026-01-05T12:00:00.000Z');
  });

  it('fires weekly on the named days only', () => {
    const weekly = spec({ kind: 'weekly', weekdays: [1, 4], hour: 18, minute: 30 });
    // 2026-01-05 is a Monday.
    expect(fires(weekly, '2026-01-05T19:00:00Z', 3)).toEqual(['2026-01-08T18:30:00.000Z', '2026-01-12T18:30:00.000Z', '2026-01-15T18:30:00.000Z']);
  });

  it('fires monthly, and a day past the end of a month on its last day', () => {
    const mid = spec({ kind: 'monthly', day: 15, hour: 9, minute: 0 });
    expect(fires(mid, '2026-01-15T09:00:00Z', 2)).toEqual(['2026-02-15T09:00:00.000Z', '2026-03-15T09:00:00.000Z']);
    const last = spec({ kind: 'monthly', day: 31, hour: 9, minute: 0 });
    expect(fires(last, '2026-01-31T10:00:00Z', 4)).toEqual([
      '2026-02-28T09:00:00.000Z',
      '2026-03-31T09:00:00.000Z',
      '2026-04-30T09:00:00.000Z',
      '2026-05-31T09:00:00.000Z',
    ]);
    // 2028 is a leap year.
    expect(iso(nextFire(spec({ kind: 'monthly', day: 30, hour: 0, minute: 0 }), utc('2028-02-01T00:00:00Z')))).toBe('2028-02-29T00:00:00.000Z');
  });

  it('follows cron steps, ranges, lists and names', () => {
    expect(fires(spec(cronOf('*/20 9-10 * * MON-FRI')), '2026-01-09T10:30:00Z', 4)).toEqual([
      '2026-01-09T10:40:00.000Z',
      '2026-01-12T09:00:00.000Z',
      '2026-01-12T09:20:00.000Z',
      '2026-01-12T09:40:00.000Z',
    ]);
    expect(fires(spec(cronOf('0 12 1 JAN,JUL *')), '2026-01-05T00:00:00Z', 2)).toEqual(['2026-07-01T12:00:00.000Z', '2027-01-01T12:00:00.000Z']);
    // 7 is Sunday too.
    expect(iso(nextFire(spec(cronOf('0 8 * * 7')), utc('2026-01-05T00:00:00Z')))).toBe('2026-01-11T08:00:00.000Z');
  });

  it('runs a cron with both day fields restricted only on days matching both (node-cron, unlike crontab)', () => {
    // Friday the 13th: 2026-02-13 and 2026-03-13; no other Friday, no other 13th.
    expect(fires(spec(cronOf('0 9 13 * FRI')), '2026-02-01T00:00:00Z', 3)).toEqual([
      '2026-02-13T09:00:00.000Z',
      '2026-03-13T09:00:00.000Z',
      '2026-11-13T09:00:00.000Z',
    ]);
  });

  it('takes node-cron forms beyond crontab: the last day of the month and the second Monday', () => {
    expect(fires(spec(cronOf('0 18 L * *')), '2026-01-05T00:00:00Z', 2)).toEqual(['2026-01-31T18:00:00.000Z', '2026-02-28T18:00:00.000Z']);
    expect(fires(spec(cronOf('0 9 * * 1#2')), '2026-01-05T00:00:00Z', 2)).toEqual(['2026-01-12T09:00:00.000Z', '2026-02-09T09:00:00.000Z']);
  });

  it('finds a cron for 29 February years ahead', () => {
    expect(iso(nextFire(spec(cronOf('0 0 29 2 *')), utc('2026-01-05T00:00:00Z')))).toBe('2028-02-29T00:00:00.000Z');
  });

  it('gives each form the node-cron patterns its task fires by', () => {
    expect(triggersOf({ kind: 'weekly', weekdays: [1, 4], hour: 18, minute: 30 }, 'Europe/Madrid')).toEqual([{ pattern: '30 18 * * 1,4', timeZone: 'Europe/Madrid' }]);
    expect(triggersOf({ kind: 'monthly', day: 31, hour: 9, minute: 0 }, 'UTC')).toEqual([
      { pattern: '0 9 31 * *', timeZone: 'UTC' },
      { pattern: '0 9 L 2,4,6,9,11 *', timeZone: 'UTC' },
    ]);
    expect(triggersOf({ kind: 'once', at: utc('2026-12-01T12:00:30Z') }, 'America/Sao_Paulo')).toEqual([{ pattern: '30 0 12 1 12 *', timeZone: 'UTC' }]);
  });

  it('is the instant a started node-cron task reports as its next run', () => {
    const s = spec({ kind: 'daily', hour: 9, minute: 0 }, 'America/New_York');
    const [trigger] = triggersOf(s.recurrence, s.timeZone);
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: utc('2026-03-07T15:00:00Z') });
    const task = cron.createTask(trigger!.pattern, () => undefined, { timezone: trigger!.timeZone, unref: true });
    void task.start();
    try {
      expect(iso(task.getNextRun()!.getTime())).toBe('2026-03-08T13:00:00.000Z');
      expect(task.getNextRun()!.getTime()).toBe(nextFire(s, Date.now()));
    } finally {
      void task.destroy();
      vi.useRealTimers();
    }
  });

  it('stops at until, inclusive', () => {
    const daily = spec({ kind: 'daily', hour: 9, minute: 0 }, 'UTC', utc('2026-01-07T09:00:00Z'));
    expect(fires(daily, '2026-01-05T12:00:00Z', 3)).toEqual(['2026-01-06T09:00:00.000Z', '2026-01-07T09:00:00.000Z', null]);
  });

  describe('across DST changes', () => {
    it('keeps 09:00 local in New York when the offset changes from -05:00 to -04:00 and back', () => {
      const daily = spec({ kind: 'daily', hour: 9, minute: 0 }, 'America/New_York');
      expect(fires(daily, '2026-03-07T00:00:00Z', 3)).toEqual(['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z']);
      expect(fires(daily, '2026-10-31T00:00:00Z', 3)).toEqual(['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z']);
    });

    it('has no fire on a day whose time the clocks skip (02:30 in Madrid on 29 March: 02:00 -> 03:00)', () => {
      const daily = spec({ kind: 'daily', hour: 2, minute: 30 }, 'Europe/Madrid');
      // 28 March 02:30 CET = 01:30Z; no 29 March; 30 March 02:30 CEST = 00:30Z.
      expect(fires(daily, '2026-03-28T00:00:00Z', 3)).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z']);
    });

    it('fires a time the clocks repeat only once (01:30 on the New York fall-back night)', () => {
      const daily = spec({ kind: 'daily', hour: 1, minute: 30 }, 'America/New_York');
      // 1 November 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST): one fire.
      expect(fires(daily, '2026-11-01T00:00:00Z', 2)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
    });

    it('fires a time the clocks repeat only once in Madrid too (02:30 on 25 October), even from between the two', () => {
      const daily = spec({ kind: 'daily', hour: 2, minute: 30 }, 'Europe/Madrid');
      // 02:30 CEST = 00:30Z and 02:30 CET = 01:30Z: node-cron fires at the second, once.
      expect(fires(daily, '2026-10-25T00:00:00Z', 2)).toEqual(['2026-10-25T01:30:00.000Z', '2026-10-26T01:30:00.000Z']);
      expect(fires(daily, '2026-10-25T00:45:00Z', 1)).toEqual(['2026-10-26T01:30:00.000Z']);
    });

    it('keeps an hourly cron hourly through the fall-back night without a second 01:30 (New York)', () => {
      const halfPast = spec(cronOf('30 * * * *'), 'America/New_York');
      // 00:30 EDT, 01:30 EDT, then 02:30 EST: the repeated 01:30 EST (06:30Z) does not fire.
      expect(fires(halfPast, '2026-11-01T04:00:00Z', 3)).toEqual(['2026-11-01T04:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-01T07:30:00.000Z']);
    });

    it('keeps an hourly cron hourly through the spring-forward night, without firing twice', () => {
      const hourly = spec(cronOf('0 * * * *'), 'America/New_York');
      // 01:00 EST = 06:00Z, then 02:00 does not exist, 03:00 EDT = 07:00Z, then 04:00 EDT = 08:00Z.
      expect(fires(hourly, '2026-03-08T05:30:00Z', 3)).toEqual(['2026-03-08T06:00:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-08T08:00:00.000Z']);
    });

    it('is the same answer for the same inputs', () => {
      const weekly = spec({ kind: 'weekly', weekdays: [0], hour: 2, minute: 30 }, 'America/New_York');
      const now = utc('2026-03-01T12:00:00Z');
      expect(nextFire(weekly, now)).toBe(nextFire(weekly, now));
      // Sunday 8 March has no 02:30 in New York: the next is the 15th, 02:30 EDT.
      expect(iso(nextFire(weekly, now))).toBe('2026-03-15T06:30:00.000Z');
    });
  });
});
