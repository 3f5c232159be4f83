import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import cron from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../src/core/logger.js';
import { authBackupTime } from '../../../src/ops/auth-backups.js';
import { DAY_MS, FIRST_PASS_DELAY_MS, Housekeeping } from '../../../src/ops/housekeeping.js';
import { driveCronWith } from '../../support/cron-time.js';
import { opsFixture, seedRun, type OpsFixture } from './ops-fixture.js';

function housekeeping(f: OpsFixture, retentionDays = 90): { keeper: Housekeeping; uploads: string; exports: string; sessions: string } {
  const uploads = join(f.dir, 'uploads');
  const exports = join(f.dir, 'exports');
  const sessions = join(f.dir, 'sessions');
  for (const dir of [uploads, exports, sessions]) mkdirSync(dir, { recursive: true });
  const keeper = new Housekeeping({
    db: f.db,
    queries: f.sources.queries,
    clock: f.clock,
    logger: silentLogger(),
    retentionDays,
    uploadsDir: uploads,
    exportsDir: exports,
    sessionsDir: sessions,
    timeZone: 'America/Sao_Paulo',
  });
  return { keeper, uploads, exports, sessions };
}

/** A file (or folder) last modified `daysAgo` days before the fake clock's now. */
function aged(f: OpsFixture, path: string, daysAgo: number, folder = false): string {
  if (folder) mkdirSync(path, { recursive: true });
  else writeFileSync(path, 'x');
  const at = (f.clock.now() - daysAgo * DAY_MS) / 1000;
  utimesSync(path, at, at);
  return path;
}

function setBody(f: OpsFixture, id: number, body: string, sendingDaysAgo: number): void {
  f.db.prepare('UPDATE messages SET body = ?, sending_at = ? WHERE id = ?').run(body, f.clock.now() - sendingDaysAgo * DAY_MS, id);
}

const body = (f: OpsFixture, id: number) => (f.db.prepare('SELECT body FROM messages WHERE id = ?').get(id) as { body: string | null }).body;

afterEach(() => {
  vi.useRealTimers();
});

describe('housekeeping', () => {
  it('drops the texts of messages settled before RETENTION_DAYS and keeps their outcomes and the counters', async () => {
    const f = opsFixture();
    const runId = await seedRun(f, 6, ['sent', 'read', 'failed', 'unknown', 'pending', 'sent'], 'running');
    // Ids 1-6: old sent, old read, old failed, old unknown, old pending (a resend waiting), recent sent.
    for (const id of [1, 2, 3, 4, 5]) setBody(f, id, `old ${id}`, 100);
    setBody(f, 6, 'recent', 10);
    f.db.prepare("UPDATE messages SET error = 'number does not exist' WHERE id = 3").run();
    const countsBefore = f.repos.counters.forRun(runId);

    const report = await housekeeping(f).keeper.runOnce();

    expect(report.bodiesDropped).toBe(3);
    expect([1, 2, 3, 4, 5, 6].map((id) => body(f, id))).toEqual([null, null, null, 'old 4', 'old 5', 'recent']);
    expect(f.repos.messages.get(3)).toMatchObject({ state: 'failed', error: 'number does not exist' });
    expect(f.repos.counters.forRun(runId)).toEqual(countsBefore);
    expect(f.repos.counters.recount(runId)).toEqual(countsBefore);
    expect(report.optimised).toBe(true);
    expect(report.failures).toEqual([]);
  });

  it('prunes old uploads, exports and login backups, and keeps media a campaign may still send', async () => {
    const f = opsFixture();
    const { keeper, uploads, exports, sessions } = housekeeping(f);
    await seedRun(f, 1, []);
    const listId = f.repos.campaigns.get(1)!.listId;
    const media = (name: string) => ({ path: join(uploads, name), kind: 'image' as const, fileName: name, mimeType: 'image/jpeg' });
    const scheduledCampaign = f.repos.campaigns.create({ listId, sessionName: 'main', template: 'a', media: media('keep-media.jpg'), at: f.clock.now() });
    f.repos.campaigns.setState(scheduledCampaign, 'scheduled', null, f.clock.now());
    const stoppedCampaign = f.repos.campaigns.create({ listId, sessionName: 'main', template: 'b', media: media('stopped-media.jpg'), at: f.clock.now() });
    f.repos.campaigns.setState(stoppedCampaign, 'stopped', null, f.clock.now());

    const oldCsv = aged(f, join(uploads, 'old.csv'), 91);
    const newCsv = aged(f, join(uploads, 'new.csv'), 89);
    const keptMedia = aged(f, join(uploads, 'keep-media.jpg'), 400);
    const stoppedMedia = aged(f, join(uploads, 'stopped-media.jpg'), 400);
    mkdirSync(join(uploads, 'chat-42'));
    const nested = aged(f, join(uploads, 'chat-42', 'contacts.csv'), 200);
    mkdirSync(join(uploads, 'empty-already'));
    const oldReport = aged(f, join(exports, 'campaign-1-report.csv'), 120);
    const newReport = aged(f, join(exports, 'campaign-2-report.csv'), 1);
    const live = aged(f, join(sessions, 'main'), 300, true);
    aged(f, join(live, 'creds.json'), 300);
    const oldBackup = aged(f, join(sessions, 'main.logged-out-2025-09-01T10-00-00Z'), 0, true);
    const oldBackupTwo = aged(f, join(sessions, 'main.logged-out-2025-09-01T10-00-00Z-2'), 0, true);
    const recentBackup = aged(f, join(sessions, 'main.logged-out-2025-12-30T10-00-00Z'), 400, true);

    const report = await keeper.runOnce();

    expect(report).toMatchObject({ uploadsRemoved: 4, exportsRemoved: 1, authBackupsRemoved: 2, failures: [] });
    for (const gone of [oldCsv, stoppedMedia, nested, join(uploads, 'chat-42'), oldReport, oldBackup, oldBackupTwo]) expect(existsSync(gone), gone).toBe(false);
    for (const kept of [newCsv, keptMedia, join(uploads, 'empty-already'), newReport, join(live, 'creds.json'), recentBackup]) expect(existsSync(kept), kept).toBe(true);
  });

  it('keeps everything with RETENTION_DAYS=0 and still optimises the database', async () => {
    const f = opsFixture();
    await seedRun(f, 1, ['sent']);
    setBody(f, 1, 'ancient', 5000);
    const { keeper, uploads } = housekeeping(f, 0);
    const file = aged(f, join(uploads, 'old.csv'), 5000);
    const report = await keeper.runOnce();
    expect(report).toMatchObject({ bodiesDropped: 0, uploadsRemoved: 0, optimised: true });
    expect(body(f, 1)).toBe('ancient');
    expect(existsSync(file)).toBe(true);
  });

  it('runs a minute after start, then daily at 04:30 in TZ on a node-cron task, and not after stop', async () => {
    const f = opsFixture();
    await seedRun(f, 3, ['sent', 'sent', 'sent']);
    const { keeper } = housekeeping(f);
    driveCronWith(f.clock, () => keeper.nextDailyPass());
    keeper.start();
    expect([...cron.getTasks().values()].map((task) => task.name)).toContain('housekeeping');
    setBody(f, 1, 'one', 100);
    await f.clock.advance(FIRST_PASS_DELAY_MS);
    expect(body(f, 1)).toBeNull();

    // Started Monday 12:00 UTC: the next 04:30 in Sao Paulo (-03:00) is Tuesday 07:30 UTC.
    expect(new Date(keeper.nextDailyPass()!).toISOString()).toBe('2026-01-06T07:30:00.000Z');
    setBody(f, 2, 'two', 100);
    await f.clock.advance(Date.UTC(2026, 0, 6, 7, 29, 59) - f.clock.now());
    expect(body(f, 2)).toBe('two');
    await f.clock.advance(1_000);
    expect(body(f, 2)).toBeNull();

    await keeper.stop();
    expect(keeper.nextDailyPass()).toBeUndefined();
    expect([...cron.getTasks().values()].map((task) => task.name)).not.toContain('housekeeping');
    setBody(f, 3, 'three', 100);
    await f.clock.advance(3 * DAY_MS);
    expect(body(f, 3)).toBe('three');
    expect(f.clock.pendingTimers()).toBe(0);
  });
});

describe('login backup names', () => {
  it('are read for their time; anything else is not a backup', () => {
    expect(authBackupTime('main.logged-out-2025-09-01T10-00-00Z')).toBe(Date.UTC(2025, 8, 1, 10));
    expect(authBackupTime('main.logged-out-2025-09-01T10-00-00Z-3')).toBe(Date.UTC(2025, 8, 1, 10));
    expect(authBackupTime('main')).toBeUndefined();
    expect(authBackupTime('main.logged-out-yesterday')).toBeUndefined();
  });
});
