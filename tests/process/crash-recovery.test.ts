import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { seededRandom, uniformBetween } from '../../src/core/random.js';
import { AppProcess } from '../support/process/app-process.js';
import { appEnv } from '../support/process/app-env.js';
import { contacts, writeContactsCsv } from '../support/process/contacts-file.js';
import { countByState, readDatabase } from '../support/process/database-snapshot.js';
import { DryRunLog, duplicates, jidToPhone } from '../support/process/dry-run-log.js';
import { tempDir } from '../support/temp-dir.js';

const CONTACTS = 2_000;
const KILLS = 20;
/** Change it to explore other kill moments; a failure names the seed it ran with. */
const SEED = 20_260_105;
const SENT_STATES = ['sent', 'delivered', 'read'];
/** Generous: every message costs several durable commits, and a busy machine makes fsync slow. */
const TIMEOUT_MS = 240_000;

/**
 * The kill moments: a number of logged sends to wait for, one in each of the
 * first KILLS of KILLS + 1 equal stretches of the run (so they spread over it and
 * work is left for the final start), then a few milliseconds more so the kill
 * lands in different phases of a send.
 */
function killPlan(random: () => number): { afterSends: number; extraMs: number; latencyMs: number }[] {
  const stretch = CONTACTS / (KILLS + 1);
  return Array.from({ length: KILLS }, (_, k) => ({
    afterSends: Math.floor((k + random()) * stretch),
    extraMs: uniformBetween(random, 0, 25),
    latencyMs: uniformBetween(random, 5, 20),
  }));
}

/** How many interrupted sends a start marked unknown, from its warning log line (none when it logged nothing). */
function interruptedAtStart(stderr: string): number {
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    const record = JSON.parse(line) as { interrupted?: unknown };
    if (typeof record.interrupted === 'number') return record.interrupted;
  }
  return 0;
}

describe('the built app SIGKILLed again and again during a campaign', () => {
  it(`sends ${CONTACTS} contacts at most once each across ${KILLS} kills, and its counters match its messages (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const plan = killPlan(random);
    const cwd = tempDir();
    const people = contacts(CONTACTS);
    writeContactsCsv(cwd, people);
    const log = new DryRunLog(join(cwd, 'sent.jsonl'));
    // Each life of the process gets its own simulated latency, 5 to 20 ms.
    const start = (latencyMs: number) =>
      AppProcess.start({ cwd, env: appEnv({ DRY_RUN_LOG: 'sent.jsonl', DRY_RUN_LATENCY_MS: String(latencyMs), LOG_LEVEL: 'warn' }) });

    const first = start(plan[0]!.latencyMs);
    await first.waitForOutput(/console ready/, 15_000);
    await first.ask('/import contacts.csv', /Next: .*/, 30_000);
    await first.ask('/send 1 Hi {name}, this is number {phone}', /Start with \/run 1/);
    await first.ask('/run 1', /Campaign 1 \(.*\): running/);

    const recovered: number[] = [];
    for (const [k, kill] of plan.entries()) {
      // The restart carries the run on by itself: nothing is typed after the first start.
      const app = k === 0 ? first : start(kill.latencyMs);
      await app.waitFor(() => log.count() >= kill.afterSends, `${kill.afterSends} sends before kill ${k + 1}`, 60_000, 2);
      await delay(kill.extraMs);
      const exit = await app.stop('SIGKILL');
      expect(exit.signal, `kill ${k + 1} found the app already gone: ${JSON.stringify(exit)}`).toBe('SIGKILL');
      if (k > 0) recovered.push(interruptedAtStart(app.stderr()));
    }
    expect(log.count(), 'the kills left work for the final start').toBeLessThan(CONTACTS);

    const last = start(10);
    await last.waitForOutput(/Campaign 1 \(.*\): completed/, 90_000);
    expect((await last.stop('SIGTERM')).code).toBe(0);
    recovered.push(interruptedAtStart(last.stderr()));

    const sends = log.entries();
    expect(duplicates(sends.map((s) => s.messageId))).toEqual(new Map());
    expect(duplicates(sends.map((s) => s.jid))).toEqual(new Map());

    const { messages, runs, counterMismatches } = readDatabase(join(cwd, 'data', 'zapcast.db'));
    expect(runs.map((r) => r.state)).toEqual(['completed']);
    expect(messages).toHaveLength(CONTACTS);
    expect(new Set(messages.map((m) => m.phone))).toEqual(new Set(people.map((p) => p.phone)));
    const states = countByState(messages);
    expect(Object.keys(states).filter((s) => ![...SENT_STATES, 'unknown'].includes(s)), JSON.stringify(states)).toEqual([]);
    expect(states.unknown ?? 0).toBeLessThanOrEqual(KILLS);
    // One send in flight per number, so no start found more than one interrupted.
    expect(recovered.filter((n) => n > 1)).toEqual([]);
    expect(counterMismatches).toEqual([]);

    // Each logged send is the stored message of that phone, under its stored id,
    // and every message recorded as sent really went out.
    const byPhone = new Map(messages.map((m) => [m.phone, m]));
    for (const send of sends) expect(byPhone.get(jidToPhone(send.jid))?.waMessageId).toBe(send.messageId);
    const logged = new Set(sends.map((s) => s.messageId));
    expect(messages.filter((m) => SENT_STATES.includes(m.state) && !logged.has(m.waMessageId))).toEqual([]);
    // A phone missing from the log is one whose send a kill interrupted.
    expect(messages.filter((m) => !logged.has(m.waMessageId) && m.state !== 'unknown')).toEqual([]);
    const expectedText = new Map(people.map((p) => [p.phone, `Hi ${p.name}, this is number ${p.phone}`]));
    expect(sends.filter((s) => s.text !== expectedText.get(jidToPhone(s.jid)))).toEqual([]);
  }, TIMEOUT_MS);
});
