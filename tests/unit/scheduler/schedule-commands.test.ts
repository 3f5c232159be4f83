import { afterEach, describe, expect, it } from 'vitest';
import { ACCEPTED_FORMS } from '../../../src/scheduler/parse-schedule.js';
import { seedList } from '../../support/seed.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

/** The app on the fake clock (2026-01-05 12:00, TZ=UTC) with draft campaign 1 over three contacts. */
async function app(): Promise<TestApp> {
  const t = (current = createTestApp());
  await t.app.start();
  seedList(t.app.services.repos, 3, t.clock.now());
  await t.type('/send 1 Hello {name}');
  return t;
}

const scheduleRows = (t: TestApp) => t.app.services.repos.db.prepare('SELECT COUNT(*) AS n FROM schedules').get() as { n: number };

describe('/schedule with bad input', () => {
  const cases: [string, string][] = [
    ['/schedule 1 tomorrow', '"tomorrow" is not a schedule.'],
    ['/schedule 1 2026-01-01T09:00', '2026-01-01 09:00 (UTC) is in the past.'],
    ['/schedule 1 "0 9 * * BLAH"', '"0 9 * * BLAH" is not a cron expression node-cron accepts: weekday "BLAH" is not valid (0-7 or SUN-SAT, 5L, 1#2).'],
    ['/schedule 1 "0 9 *"', '"0 9 *" has 3 fields; a cron expression has 5 (minute hour day month weekday).'],
    ['/schedule 1 daily 09:00 tz=Atlantis/Capital', '"Atlantis/Capital" is not a time zone; use an IANA name such as America/Sao_Paulo or Europe/Madrid.'],
    ['/schedule 1 weekly FRI 09:00 until=2026-01-08', 'The until date 2026-01-08 is before the first run (2026-01-09 09:00 UTC).'],
  ];
  for (const [line, problem] of cases) {
    it(`answers "${line}" with what is wrong and the accepted forms, on one line, and changes nothing`, async () => {
      const t = await app();
      const reply = await t.type(line);
      expect(reply).toBe(`${problem} ${ACCEPTED_FORMS}\n`);
      expect(scheduleRows(t).n).toBe(0);
      expect(t.app.services.repos.campaigns.get(1)!.state).toBe('draft');
    });
  }

  it('gives the usage line when the schedule is missing', async () => {
    const t = await app();
    expect(await t.type('/schedule 1')).toContain('Usage: /schedule <campaign> <when…> [until=<value>] [tz=<value>]');
  });

  it('refuses a campaign that does not exist, or that is stopped', async () => {
    const t = await app();
    expect(await t.type('/schedule 9 daily 09:00')).toBe('Campaign 9 does not exist.\n');
    // Typed by hand, /stop asks first; typing the Confirm line presses it.
    await t.type('/stop 1');
    await t.type('/stop 1');
    expect(await t.type('/schedule 1 daily 09:00')).toBe('Campaign 1 is stopped; it cannot be scheduled.\n');
    expect(scheduleRows(t).n).toBe(0);
  });
});

describe('/schedule, /schedules and /unschedule', () => {
  it('adds a schedule and answers with its first run; /schedules lists it; /unschedule makes the campaign a draft again', async () => {
    const t = await app();
    const reply = await t.type('/schedule 1 weekly MON,THU 18:30 until=2026-02-28');
    expect(reply).toContain('Campaign 1 scheduled: weekly MON,THU 18:30 (schedule 1).');
    expect(reply).toContain('First run 2026-01-05 18:30; last possible 2026-02-28 23:59.');
    expect(reply).toContain('/unschedule 1 removes this one.');
    expect(t.app.services.repos.campaigns.get(1)).toMatchObject({ state: 'scheduled', stateReason: 'next run 2026-01-05 18:30' });

    await t.type('/schedule 1 "0 9 1 * *" Europe/Madrid');
    const list = await t.type('/schedules');
    expect(list).toContain('Times are UTC unless marked.');
    expect(list).toContain('Schedule 1: campaign 1, weekly MON,THU 18:30, next 2026-01-05 18:30, until 2026-02-28 23:59');
    expect(list).toContain('Schedule 2: campaign 1, cron "0 9 1 * *" (Europe/Madrid), next 2026-02-01 09:00 Europe/Madrid');

    expect(await t.type('/unschedule 1')).toBe('Schedule 1 removed. Campaign 1 is scheduled.\n');
    // The console also shows the campaign's new state as it changes.
    expect(await t.type('/unschedule 2')).toContain('Schedule 2 removed. Campaign 1 is a draft.\n');
    expect(await t.type('/schedules 1')).toBe('No schedules for campaign 1. Add one with /schedule <campaign> <when>.\n');
    expect(await t.type('/unschedule 2')).toBe('Schedule 2 does not exist.\n');
  });

  it('takes a one-off with an offset and shows it in TZ', async () => {
    const t = await app();
    expect(await t.type('/schedule 1 2026-12-01T09:00-03:00')).toContain('Campaign 1 scheduled: once 2026-12-01 12:00 (schedule 1).');
  });
});
