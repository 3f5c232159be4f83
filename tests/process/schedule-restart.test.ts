import { join } from 'node:path';
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
});
