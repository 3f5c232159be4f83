import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CampaignRun } from '../../../src/db/repos/campaign-runs-repo.js';
import { seedList } from '../../support/seed.js';
import { tempDir } from '../../support/temp-dir.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { driveCronWith } from '../../support/cron-time.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const iso = (at: number) => new Date(at).toISOString();

let apps: TestApp[] = [];
afterEach(async () => {
  for (const t of apps.splice(0)) await t.stop();
  vi.useRealTimers();
});

/** The app on the fake clock (2026-01-05 12:00 UTC), a list of `contacts` and draft campaign 1. */
async function campaignApp(overrides: Record<string, string> = {}, options: { contacts?: number; dataDir?: string; advanceMs?: number } = {}): Promise<TestApp> {
  const t = createTestApp(overrides, { dataDir: options.dataDir });
  apps.push(t);
  driveCronWith(t.clock, () => t.app.scheduler.nextWake());
  if (options.advanceMs) await t.clock.advance(options.advanceMs);
  await t.app.start();
  if (!options.dataDir || t.app.services.repos.campaigns.get(1) === undefined) {
    seedList(t.app.services.repos, options.contacts ?? 3, t.clock.now());
    expect(await t.type('/send 1 Hello {name}')).toContain('Hello Contact 0');
  }
  return t;
}

const CLOCK_START = Date.UTC(2026, 0, 5, 12);

/** Stops the app; the next one on the same folder, started at `backAt`, is the process after a restart. */
async function restart(t: TestApp, backAt: number): Promise<TestApp> {
  await t.stop();
  apps = apps.filter((a) => a !== t);
  return campaignApp({}, { dataDir: t.dataDir, advanceMs: backAt - CLOCK_START });
}

const runs = (t: TestApp): CampaignRun[] => t.app.services.repos.runs.ofCampaign(1);
const campaignState = (t: TestApp) => t.app.services.repos.campaigns.get(1)!.state;
const sentAt = (t: TestApp, runId: number) => [...t.app.services.repos.messages.ofRun(runId)].map((m) => m.sentAt);

describe('scheduled runs on the fake clock', () => {
  it('runs a one-off at its time: one run over the list, the schedule.fired event, then the schedule is over', async () => {
    const t = await campaignApp();
    const fired: unknown[] = [];
    t.app.services.events.on('schedule.fired', (event) => fired.push(event));
    expect(await t.type('/schedule 1 2026-01-05T13:00')).toContain('Campaign 1 scheduled: once 2026-01-05 13:00 (schedule 1).');
    expect(campaignState(t)).toBe('scheduled');

    await t.clock.runUntil(() => campaignState(t) === 'completed', DAY);
    const [run, ...others] = runs(t);
    expect(others).toEqual([]);
    expect(run).toMatchObject({ trigger: 'schedule', scheduleId: 1, total: 3 });
    expect(iso(run!.startedAt)).toBe('2026-01-05T13:00:00.000Z');
    expect(fired).toEqual([{ scheduleId: 1, campaignId: 1, runId: run!.id }]);
    expect(t.app.services.repos.counters.forRun(run!.id).sent).toBe(3);
    expect(t.app.services.repos.schedules.get(1)).toMatchObject({ enabled: false, nextFireAt: null, lastOutcome: `ran: run ${run!.id} at 2026-01-05 13:00` });
    expect(await t.type('/schedules')).toContain('No schedules.');
  });

  it('excludes numbers that opted out before the fire, as the list is then', async () => {
    const t = await campaignApp({}, { contacts: 4 });
    await t.type('/schedule 1 2026-01-05T13:00');
    t.app.services.repos.optOuts.add('+5511910000002', 'STOP', 'test', t.clock.now());
    await t.clock.runUntil(() => campaignState(t) === 'completed', DAY);
    const counts = t.app.services.repos.counters.forRun(runs(t)[0]!.id);
    expect(counts).toMatchObject({ sent: 3, skipped: 1 });
  });

  it('runs a daily schedule every day, and the campaign waits scheduled between runs', async () => {
    const t = await campaignApp();
    await t.type('/schedule 1 daily 09:00');
    await t.clock.runUntil(() => runs(t).length === 2 && campaignState(t) === 'scheduled', 3 * DAY);
    expect(runs(t).map((r) => iso(r.startedAt))).toEqual(['2026-01-06T09:00:00.000Z', '2026-01-07T09:00:00.000Z']);
    expect(runs(t).map((r) => r.state)).toEqual(['completed', 'completed']);
    expect(t.app.services.repos.campaigns.get(1)!.stateReason).toBe('next run 2026-01-08 09:00');
    expect(await t.type('/schedules')).toContain('Schedule 1: campaign 1, daily 09:00, next 2026-01-08 09:00 (last: ran: run 2 at 2026-01-07 09:00)');
  });

  it('runs weekly and monthly schedules on their days', async () => {
    const t = await campaignApp();
    await t.type('/send 1 Monthly notice for {name}');
    await t.type('/schedule 1 weekly WED,FRI 09:00');
    await t.type('/schedule 2 monthly 9 09:00');
    const runsOf = (campaignId: number) => t.app.services.repos.runs.ofCampaign(campaignId);
    await t.clock.runUntil(() => runsOf(1).length === 2 && runsOf(2).length === 1 && runsOf(1)[1]!.state === 'completed' && runsOf(2)[0]!.state === 'completed', 5 * DAY);
    // 2026-01-05 is a Monday: Wednesday the 7th and Friday the 9th; the 9th of the month.
    expect(runsOf(1).map((r) => iso(r.startedAt))).toEqual(['2026-01-07T09:00:00.000Z', '2026-01-09T09:00:00.000Z']);
    expect(runsOf(2).map((r) => iso(r.startedAt))).toEqual(['2026-01-09T09:00:00.000Z']);
    expect(iso(t.app.services.repos.schedules.get(1)!.nextFireAt!)).toBe('2026-01-14T09:00:00.000Z');
    expect(iso(t.app.services.repos.schedules.get(2)!.nextFireAt!)).toBe('2026-02-09T09:00:00.000Z');
  });

  it('starts a run that falls in quiet hours at its time and holds its messages until quiet hours end', async () => {
    const t = await campaignApp({ QUIET_HOURS: '21:00-08:00' });
    const reply = await t.type('/schedule 1 2026-01-05T22:00');
    expect(reply).toContain('It falls in quiet hours (21:00-08:00): the run starts then and its messages wait until 2026-01-06 08:00.');
    await t.clock.runUntil(() => runs(t).length === 1, DAY);
    expect(iso(runs(t)[0]!.startedAt)).toBe('2026-01-05T22:00:00.000Z');
    expect(t.output()).toContain('Schedule 1 (campaign 1) started run 1 during quiet hours; its messages wait until 2026-01-06 08:00.');

    await t.clock.runUntil(() => campaignState(t) === 'completed', DAY);
    const times = sentAt(t, 1).map((at) => iso(at!));
    expect(times).toHaveLength(3);
    expect(times.every((at) => at === '2026-01-06T08:00:00.000Z')).toBe(true);
  });

  it('skips and reports a recurring fire while the previous run still goes, instead of stacking runs', async () => {
    // Ten messages ten minutes apart: each run takes 90 minutes, longer than the hour between fires.
    const t = await campaignApp({ SEND_DELAY_MIN_MS: '600000', SEND_DELAY_MAX_MS: '600000' }, { contacts: 10 });
    await t.type('/schedule 1 "0 * * * *"');
    await t.clock.runUntil(() => runs(t).length === 2, DAY);

    expect(runs(t).map((r) => iso(r.startedAt))).toEqual(['2026-01-05T13:00:00.000Z', '2026-01-05T15:00:00.000Z']);
    expect(runs(t)[0]!.state).toBe('completed');
    expect(t.output()).toContain(
      'Schedule 1 (campaign 1): the run due 2026-01-05 14:00 was skipped because run 1 is still running; runs are not stacked. Next run 2026-01-05 15:00.',
    );
    expect(t.app.services.metrics.value('zapcast_schedule_fires_total', { outcome: 'skipped' })).toBe(1);
    expect(t.app.services.metrics.value('zapcast_schedule_fires_total', { outcome: 'ran' })).toBe(2);
  });

  it('stops at until=: the last day runs, then the schedule is over and the campaign stays completed', async () => {
    const t = await campaignApp();
    expect(await t.type('/schedule 1 daily 09:00 until=2026-01-07')).toContain('First run 2026-01-06 09:00; last possible 2026-01-07 23:59.');
    await t.clock.runUntil(() => runs(t).length === 2 && campaignState(t) === 'completed', 3 * DAY);
    await t.clock.advance(3 * DAY);
    expect(runs(t).map((r) => iso(r.startedAt))).toEqual(['2026-01-06T09:00:00.000Z', '2026-01-07T09:00:00.000Z']);
    expect(campaignState(t)).toBe('completed');
    expect(t.app.services.repos.schedules.get(1)!.enabled).toBe(false);
  });

  it('has no 02:30 New York run on the spring-forward night, and /schedules says so before it', async () => {
    const t = await campaignApp({ TZ: 'America/New_York' }, { advanceMs: Date.UTC(2026, 2, 6, 12) - CLOCK_START });
    expect(await t.type('/schedule 1 daily 02:30')).toContain(
      '2026-03-08 has no 02:30 in America/New_York (the clocks skip it for daylight saving), so there is no run that day.',
    );
    await t.clock.runUntil(() => runs(t).length === 1 && campaignState(t) === 'scheduled', DAY);
    // After the 7 March run, the next shown is the 9th: 8 March 02:30 does not exist (02:00 -> 03:00).
    expect(await t.type('/schedules')).toContain('daily 02:30, next 2026-03-09 02:30');
    expect(t.app.scheduler.nextWake()).toBe(Date.UTC(2026, 2, 9, 6, 30));
    await t.clock.runUntil(() => runs(t).length === 2, 4 * DAY);
    // 02:30 EST = 07:30Z on the 7th; 02:30 EDT = 06:30Z on the 9th.
    expect(runs(t).map((r) => iso(r.startedAt))).toEqual(['2026-03-07T07:30:00.000Z', '2026-03-09T06:30:00.000Z']);
  });

  it('fires 01:30 once on the New York fall-back night, when the clocks show it twice', async () => {
    const t = await campaignApp({ TZ: 'America/New_York' }, { advanceMs: Date.UTC(2026, 9, 31, 12) - CLOCK_START });
    await t.type('/schedule 1 daily 01:30');
    await t.clock.runUntil(() => runs(t).length === 2 && campaignState(t) === 'scheduled', 3 * DAY);
    // 1 November 01:30 EDT = 05:30Z (01:30 EST at 06:30Z is not a second run); 2 November 01:30 EST = 06:30Z.
    expect(runs(t).map((r) => iso(r.startedAt))).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('runs a cron with both day fields only on days matching both: Friday the 13th', async () => {
    // From Monday 9 February: the 13th of March is a Friday too, none between.
    const t = await campaignApp({}, { advanceMs: Date.UTC(2026, 1, 9, 12) - CLOCK_START });
    expect(await t.type('/schedule 1 "0 9 13 * FRI"')).toContain('First run 2026-02-13 09:00');
    await t.clock.runUntil(() => runs(t).length === 1, 5 * DAY);
    expect(iso(runs(t)[0]!.startedAt)).toBe('2026-02-13T09:00:00.000Z');
    expect(iso(t.app.services.repos.schedules.get(1)!.nextFireAt!)).toBe('2026-03-13T09:00:00.000Z');
  });

  it('wakes on a node-cron task per schedule, named, in the schedule zone, all destroyed on stop', async () => {
    const t = await campaignApp();
    await t.type('/send 1 Hi again {name}');
    await t.type('/schedule 1 weekly MON 09:00 tz=America/Sao_Paulo');
    await t.type('/schedule 2 monthly 31 08:00');
    expect(t.app.scheduler.taskNames().sort()).toEqual(['schedule 1', 'schedule 2 trigger 1', 'schedule 2 trigger 2']);
    // Monday 12 January 09:00 in Sao Paulo (-03:00) is 12:00Z; node-cron says so, and so does /schedules.
    expect(t.app.scheduler.nextWake()).toBe(Date.UTC(2026, 0, 12, 12));
    expect(await t.type('/schedules')).toContain('weekly MON 09:00 (America/Sao_Paulo), next 2026-01-12 09:00 America/Sao_Paulo');
    await t.type('/unschedule 2');
    expect(t.app.scheduler.taskNames()).toEqual(['schedule 1']);
    await t.app.scheduler.stop();
    expect(t.app.scheduler.taskNames()).toEqual([]);
    expect(t.app.scheduler.nextWake()).toBeUndefined();
  });

  it('ends the schedules of a campaign that is stopped, and says so', async () => {
    const t = await campaignApp();
    await t.type('/schedule 1 daily 09:00');
    // Typed by hand, /stop asks first; typing the Confirm line it shows confirms.
    expect(await t.type('/stop 1')).toContain('Stop campaign 1 for good?');
    expect(t.app.services.repos.schedules.get(1)).toMatchObject({ enabled: true });
    await t.type('/stop 1');
    expect(t.output()).toContain('Campaign 1 was stopped, so its schedule 1 ended.');
    await t.clock.advance(2 * DAY);
    expect(runs(t)).toEqual([]);
    expect(t.app.services.repos.schedules.get(1)).toMatchObject({ enabled: false, lastOutcome: 'ended: the campaign was stopped' });
  });
});

describe('after downtime', () => {
  it('starts a one-off missed by less than CATCHUP_MAX_MS at start-up, once', async () => {
    const first = await campaignApp();
    await first.type('/schedule 1 2026-01-05T13:00');
    // Down from 12:00 to 13:30: the fire is 30 minutes late, under the default hour.
    const t = await restart(first, Date.UTC(2026, 0, 5, 13, 30));
    await t.clock.runUntil(() => campaignState(t) === 'completed', DAY);
    await t.clock.advance(DAY);
    expect(runs(t).map((r) => iso(r.startedAt))).toEqual(['2026-01-05T13:30:00.000Z']);
  });

  it('reports a one-off missed by more than CATCHUP_MAX_MS and does not run it', async () => {
    const first = await campaignApp();
    await first.type('/schedule 1 2026-01-05T13:00');
    const t = await restart(first, Date.UTC(2026, 0, 5, 15));
    await t.clock.advance(DAY);
    expect(runs(t)).toEqual([]);
    expect(t.output()).toContain(
      'Schedule 1 (campaign 1) missed its run at 2026-01-05 13:00 while zapcast was not running; 2 h 0 min late is more than CATCHUP_MAX_MS (1 h 0 min) allows, so it did not run. The schedule is over.',
    );
    expect(campaignState(t)).toBe('draft');
    expect(t.app.services.metrics.value('zapcast_schedule_fires_total', { outcome: 'missed' })).toBe(1);
  });

  it('runs a recurring schedule that missed several fires once, not once per missed fire', async () => {
    const first = await campaignApp();
    await first.type('/schedule 1 daily 09:00');
    // Down until 10 January 09:20: the fires of the 6th to the 10th passed.
    const t = await restart(first, Date.UTC(2026, 0, 10, 9, 20));
    await t.clock.runUntil(() => runs(t).length === 1 && campaignState(t) !== 'running', HOUR);
    expect(runs(t).map((r) => iso(r.startedAt))).toEqual(['2026-01-10T09:20:00.000Z']);
    expect(t.output()).toContain(
      'Schedule 1 (campaign 1): 5 run times passed while zapcast was not running (the last at 2026-01-10 09:00); it runs once now, not once per missed time.',
    );
    expect(iso(t.app.services.repos.schedules.get(1)!.nextFireAt!)).toBe('2026-01-11T09:00:00.000Z');
    await t.clock.runUntil(() => runs(t).length === 2, 2 * DAY);
    expect(iso(runs(t)[1]!.startedAt)).toBe('2026-01-11T09:00:00.000Z');
  });

  it('fires again a fire the process died in before creating its run', async () => {
    const first = await campaignApp();
    await first.type('/schedule 1 daily 09:00');
    // As if the process died right after marking the 6 January fire: the mark is on disk, no run.
    const fireAt = Date.UTC(2026, 0, 6, 9);
    first.app.services.repos.schedules.markFiring(1, fireAt, Date.UTC(2026, 0, 7, 9));
    const t = await restart(first, fireAt + 5 * 60_000);
    await t.clock.runUntil(() => runs(t).length === 1, HOUR);
    expect(iso(runs(t)[0]!.startedAt)).toBe('2026-01-06T09:05:00.000Z');
    expect(t.app.services.repos.schedules.get(1)).toMatchObject({ firePendingAt: null, nextFireAt: Date.UTC(2026, 0, 7, 9) });
  });

  it('moves a next run stored under the old rules to node-cron\'s, and says so', async () => {
    const first = await campaignApp({}, { advanceMs: Date.UTC(2026, 2, 7, 12) - CLOCK_START });
    await first.type('/schedule 1 daily 02:30 tz=America/New_York');
    // An older build moved the skipped 8 March 02:30 to 03:30 EDT (07:30Z); node-cron has no run that day.
    first.app.services.repos.db.prepare('UPDATE schedules SET next_fire_at = ? WHERE id = 1').run(Date.UTC(2026, 2, 8, 7, 30));
    const t = await restart(first, Date.UTC(2026, 2, 7, 13));
    expect(t.output()).toContain(
      'Schedule 1 (campaign 1) had its next run at 2026-03-08 03:30 America/New_York, a time the scheduler no longer fires at (daylight-saving and day-field rules follow node-cron); it is now 2026-03-09 02:30 America/New_York.',
    );
    expect(t.app.services.repos.schedules.get(1)!.nextFireAt).toBe(Date.UTC(2026, 2, 9, 6, 30));
    await t.clock.runUntil(() => runs(t).length === 1, 3 * DAY);
    expect(iso(runs(t)[0]!.startedAt)).toBe('2026-03-09T06:30:00.000Z');
  });

  it('does not fire twice when the process died after the run was created', async () => {
    const first = await campaignApp();
    await first.type('/schedule 1 daily 09:00');
    const fireAt = Date.UTC(2026, 0, 6, 9);
    await first.clock.runUntil(() => runs(first).length === 1 && campaignState(first) === 'scheduled', 2 * DAY);
    // As if the process died after creating the run but before settling the fire.
    first.app.services.repos.schedules.markFiring(1, fireAt, Date.UTC(2026, 0, 7, 9));
    const t = await restart(first, first.clock.now() + 60_000);
    await t.clock.advance(HOUR);
    expect(runs(t)).toHaveLength(1);
    expect(t.app.services.repos.schedules.get(1)).toMatchObject({ firePendingAt: null, lastOutcome: 'ran: run 1', nextFireAt: Date.UTC(2026, 0, 7, 9) });
  });
});
