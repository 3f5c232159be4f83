import cron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../src/core/logger.js';
import type { Schedule } from '../../../src/db/repos/schedules-repo.js';
import { CronTriggers } from '../../../src/scheduler/cron-triggers.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function schedule(id: number, kind: string, expression: string, timeZone = 'UTC', enabled = true): Schedule {
  return {
    id,
    campaignId: 1,
    kind,
    expression,
    timeZone,
    untilAt: null,
    nextFireAt: Date.UTC(2026, 0, 6, 9),
    lastFiredAt: null,
    firePendingAt: null,
    lastOutcome: null,
    enabled,
    createdBy: null,
    createdAt: 0,
  } as Schedule;
}

let triggers: CronTriggers | undefined;
afterEach(() => {
  triggers?.destroyAll();
  triggers = undefined;
  vi.useRealTimers();
});

/** node-cron on vitest's fake Date and timers, from Monday 2026-01-05 12:00 UTC; wakes are the instants it fired. */
function start(lateToleranceMs = HOUR): { wakes: string[]; triggers: CronTriggers } {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: Date.UTC(2026, 0, 5, 12) });
  const wakes: string[] = [];
  triggers = new CronTriggers({
    logger: silentLogger(),
    wake: async () => void wakes.push(new Date().toISOString()),
    lateToleranceMs,
  });
  return { wakes, triggers };
}

describe('node-cron triggers', () => {
  it('wakes at each slot of a daily schedule, in its zone', async () => {
    const { wakes, triggers } = start();
    triggers.sync([schedule(1, 'daily', '09:00', 'America/Sao_Paulo')]);
    await vi.advanceTimersByTimeAsync(3 * 24 * HOUR);
    expect(wakes).toEqual(['2026-01-06T12:00:00.000Z', '2026-01-07T12:00:00.000Z', '2026-01-08T12:00:00.000Z']);
  });

  it('registers named tasks with node-cron and destroys them all', () => {
    const { triggers } = start();
    triggers.sync([schedule(1, 'daily', '09:00'), schedule(2, 'monthly', '30 08:00')]);
    const names = [...cron.getTasks().values()].map((task) => task.name).sort();
    expect(names).toEqual(['schedule 1', 'schedule 2 trigger 1', 'schedule 2 trigger 2']);
    triggers.destroyAll();
    expect(cron.getTasks().size).toBe(0);
    expect(triggers.nextWake()).toBeUndefined();
  });

  it('drops the tasks of a schedule no longer enabled, keeps the others', () => {
    const { triggers } = start();
    triggers.sync([schedule(1, 'daily', '09:00'), schedule(2, 'daily', '10:00')]);
    triggers.sync([schedule(1, 'daily', '09:00'), schedule(2, 'daily', '10:00', 'UTC', false)]);
    expect(triggers.names()).toEqual(['schedule 1']);
    expect(triggers.nextWake()).toBe(Date.UTC(2026, 0, 6, 9));
  });

  it('still wakes for a slot node-cron reached too late to run (the machine slept)', async () => {
    const { wakes, triggers } = start(0);
    triggers.sync([schedule(1, 'cron', '0 * * * *')]);
    // The machine sleeps: the wall clock runs 80 minutes ahead of the timers, so
    // node-cron's 13:00 timer goes off at 14:20, too late to run; it reports the
    // slots as missed, and each report wakes the scheduler, which asks SQLite.
    vi.setSystemTime(Date.UTC(2026, 0, 5, 13, 20));
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(wakes.length).toBeGreaterThan(0);
    expect(new Set(wakes)).toEqual(new Set(['2026-01-05T14:20:00.000Z']));
  });

  it('gives no task to a row it cannot read', () => {
    const { triggers } = start();
    triggers.sync([schedule(1, 'hourly', '5')]);
    expect(triggers.names()).toEqual([]);
  });
});
