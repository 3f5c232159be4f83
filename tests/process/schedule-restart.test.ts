import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppProcess } from '../support/process/app-process.js';
import { appEnv } from '../support/process/app-env.js';
import { contacts, writeContactsCsv } from '../support/process/contacts-file.js';
import { countByState, readDatabase } from '../support/process/database-snapshot.js';
import { DryRunLog, duplicates } from '../support/process/dry-run-log.js';
import { waitUntil } from '../support/process/wait-until.js';
import { tempDir } from '../support/temp-dir.js';

/** An instant as /schedule takes it, to the second, in UTC. */
const isoSeconds = (at: number) => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The runs a schedule started, read with plain SQL while the app may still run. */
function scheduledRuns(database: string): { id: number; startedAt: number; state: string }[] {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT id, started_at AS startedAt, state FROM campaign_runs WHERE trigger = 'schedule' ORDER BY id").all() as {
      id: number;
      startedAt: number;
      state: string;
    }[];
  } finally {
    db.close();
  }
}

const minuteOf = (at: number) => Math.floor(at / 60_000);

describe('a scheduled run across a crash', () => {
  it('happens exactly once when the app is killed before the fire time and started again after it', async () => {
    const cwd = tempDir();
    const people = contacts(5);
    writeContactsCsv(cwd, people);
    const env = appEnv({ DRY_RUN_LOG: 'sent.jsonl' });
    const log = new DryRunLog(join(cwd, 'sent.jsonl'));
    const database = join(cwd, 'data', 'zapcast.db');

    const first = AppProcess.start({ cwd, env });
    await first.waitForOutput(/console ready/, 15_000);
    await first.ask('/import contacts.csv', /Next: .*/, 30_000);
    await first.ask('/send 1 Hi {name}', /Start with \/run 1.*/);
    const fireAt = Date.now() + 5_000;
    const scheduled = await first.ask(`/schedule 1 ${isoSeconds(fireAt)}`, /\/unschedule 1 removes this one\./);
    expect(scheduled).toContain('Campaign 1 scheduled: once');

    first.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(Date.now()).toBeLessThan(fireAt);
    expect(log.count()).toBe(0);
    expect(readDatabase(database).runs).toEqual([]);

    // Down through the fire time.
    await waitUntil(() => (Date.now() > fireAt + 1_000 ? true : undefined), { what: 'the fire time to pass', timeoutMs: 15_000 });

    const second = AppProcess.start({ cwd, env });
    await second.waitFor(() => log.count() >= people.length, `${people.length} sends in the dry-run log`, 30_000);
    await second.waitFor(() => readDatabase(database).runs[0]?.state === 'completed', 'the run to complete', 15_000);
    expect(await second.ask('/schedules', /No schedules\./)).toContain('No schedules.');
    expect(await second.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    const snapshot = readDatabase(database);
    expect(snapshot.runs).toEqual([{ id: 1, campaignId: 1, state: 'completed' }]);
    expect(countByState(snapshot.messages)).toEqual({ sent: people.length });
    expect(snapshot.counterMismatches).toEqual([]);
    const sends = log.entries();
    expect(sends).toHaveLength(people.length);
    expect(duplicates(sends.map((s) => s.messageId))).toEqual(new Map());
    expect(duplicates(sends.map((s) => s.jid))).toEqual(new Map());
    // The run started at the restart, after the fire time: the catch-up, not a fire before the kill.
    expect(Math.min(...sends.map((s) => Date.parse(s.at)))).toBeGreaterThan(fireAt);
  }, 120_000);

  it('fires a recurring schedule exactly once per slot when the app is killed right after a fire and started again', async () => {
    const cwd = tempDir();
    const people = contacts(3);
    writeContactsCsv(cwd, people);
    const env = appEnv({ DRY_RUN_LOG: 'sent.jsonl' });
    const log = new DryRunLog(join(cwd, 'sent.jsonl'));
    const database = join(cwd, 'data', 'zapcast.db');

    const first = AppProcess.start({ cwd, env });
    await first.waitForOutput(/console ready/, 15_000);
    await first.ask('/import contacts.csv', /Next: .*/, 30_000);
    await first.ask('/send 1 Hi {name}', /Start with \/run 1.*/);
    expect(await first.ask('/schedule 1 "* * * * *"', /\/unschedule 1 removes this one\./)).toContain('Campaign 1 scheduled: cron "* * * * *"');

    // node-cron fires at the next minute; the process dies as soon as that fire has sent.
    await first.waitFor(() => log.count() >= 1, 'the first fire to send', 75_000);
    first.kill('SIGKILL');
    await first.exited;
    const [firstRun] = scheduledRuns(database);
    expect(firstRun).toBeDefined();

    // Back at once: the slot already fired is not fired again; node-cron fires the next one.
    const second = AppProcess.start({ cwd, env });
    await second.waitFor(() => scheduledRuns(database).length >= 2, 'the next slot to fire', 90_000);
    await second.waitFor(() => scheduledRuns(database).every((run) => run.state === 'completed'), 'the runs to complete', 30_000);
    expect(await second.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    const runs = scheduledRuns(database);
    const minutes = runs.map((run) => minuteOf(run.startedAt));
    // One run per slot: no minute twice, and none after the kill for the slot that had fired.
    expect(new Set(minutes).size).toBe(runs.length);
    expect(minutes[0]).toBe(minuteOf(firstRun!.startedAt));
    expect(minutes[1]).toBeGreaterThan(minutes[0]!);
    // Each run has one message per contact; a send the kill cut short stays unknown rather than going twice.
    const snapshot = readDatabase(database);
    for (const run of runs) expect(snapshot.messages.filter((m) => m.runId === run.id)).toHaveLength(people.length);
    expect(duplicates(log.entries().map((s) => s.messageId))).toEqual(new Map());
    expect(snapshot.counterMismatches).toEqual([]);
  }, 240_000);
});
