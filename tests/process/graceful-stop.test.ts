import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppProcess } from '../support/process/app-process.js';
import { appEnv } from '../support/process/app-env.js';
import { contacts, writeContactsCsv } from '../support/process/contacts-file.js';
import { countByState, readDatabase } from '../support/process/database-snapshot.js';
import { DryRunLog, duplicates, jidToPhone } from '../support/process/dry-run-log.js';
import { LiveDatabase } from '../support/process/live-database.js';
import { tempDir } from '../support/temp-dir.js';

const LATENCY_MS = 600;
/** Stop only on a send claimed this recently, so it is surely still in flight when the signal lands. */
const FRESH_CLAIM_MS = 150;

let live: LiveDatabase | undefined;
afterEach(() => {
  live?.close();
  live = undefined;
});

describe('SIGTERM while a campaign is sending', () => {
  it('finishes the message in flight, exits 0 leaving nothing mid-send, and a restart sends the rest once', async () => {
    const cwd = tempDir();
    const people = contacts(10);
    writeContactsCsv(cwd, people);
    const env = appEnv({ DRY_RUN_LOG: 'sent.jsonl', DRY_RUN_LATENCY_MS: String(LATENCY_MS) });
    const log = new DryRunLog(join(cwd, 'sent.jsonl'));
    const database = join(cwd, 'data', 'zapcast.db');

    const first = AppProcess.start({ cwd, env });
    await first.waitForOutput(/console ready/, 15_000);
    await first.ask('/import contacts.csv', /Next: .*/, 30_000);
    await first.ask('/send 1 Hello {name}', /Start with \/run 1/);
    first.type('/run 1');
    await first.waitFor(() => log.count() >= 2, 'two sends in the dry-run log', 30_000);

    live = new LiveDatabase(database);
    const db = live;
    const inFlight = await first.waitFor(
      () => {
        const claimed = db.inFlight();
        return claimed && Date.now() - claimed.sendingAt < FRESH_CLAIM_MS ? claimed : undefined;
      },
      'a freshly claimed send',
      30_000,
      5,
    );
    const signalledAt = Date.now();
    const exit = await first.stop('SIGTERM');
    live.close();

    expect(exit).toEqual({ code: 0, signal: null });
    const stopped = readDatabase(database);
    expect(countByState(stopped.messages).sending).toBeUndefined();
    const inFlightSend = log.entries().find((s) => s.messageId === inFlight.waMessageId);
    expect(inFlightSend, 'the message in flight at SIGTERM reached the log').toBeDefined();
    expect(Date.parse(inFlightSend!.at)).toBeGreaterThanOrEqual(signalledAt);
    expect(stopped.messages.find((m) => m.waMessageId === inFlight.waMessageId)?.state).toMatch(/^(sent|delivered|read)$/);
    const sentBeforeRestart = log.count();
    expect(sentBeforeRestart).toBeLessThan(people.length);

    const second = AppProcess.start({ cwd, env });
    await second.waitForOutput(/Campaign 1 \(.*\): completed/, 60_000);
    expect((await second.stop('SIGTERM')).code).toBe(0);

    const sends = log.entries();
    expect(sends).toHaveLength(people.length);
    expect(duplicates(sends.map((s) => s.messageId))).toEqual(new Map());
    expect(new Map(sends.map((s) => [jidToPhone(s.jid), s.text]))).toEqual(new Map(people.map((p) => [p.phone, `Hello ${p.name}`])));
    const final = readDatabase(database);
    expect(final.runs.map((r) => r.state)).toEqual(['completed']);
    expect(final.messages.every((m) => ['sent', 'delivered', 'read'].includes(m.state))).toBe(true);
    expect(final.counterMismatches).toEqual([]);
  }, 120_000);
});
