import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ERASED_PHONE } from '../../../src/contacts/forget-person.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { tempDir } from '../../support/temp-dir.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

async function started(): Promise<TestApp> {
  const dataDir = tempDir();
  current = createTestApp({ DEFAULT_COUNTRY: 'BR', DRY_RUN_LOG: join(dataDir, 'sent.jsonl') }, { dataDir });
  await current.app.start();
  return current;
}

/** Imports a CSV through the console; returns the answer. */
async function importCsv(t: TestApp, name: string, rows: string[]): Promise<string> {
  const path = join(t.dataDir, name);
  writeFileSync(path, `name,phone\n${rows.join('\n')}\n`);
  return t.type(`/import ${path}`);
}

const lines = (output: string) => output.trim().split('\n');
const audited = (t: TestApp) => t.app.services.repos.audit.recent().map((e) => `${e.command} ${e.arguments ?? ''} ${e.outcome}`.trim());
const stateOf = (t: TestApp, id: number) => t.app.services.repos.campaigns.get(id)?.state;

describe('operators correcting data', () => {
  it('/optout and /optin a number by hand, each audited', async () => {
    const t = await started();
    await importCsv(t, 'a.csv', ['Ana,(11) 98765-4321', 'Bia,(11) 98765-4322']);
    expect(lines(await t.type('/optout (11) 98765-4321'))).toEqual(['+5511987654321 is on the suppression list: no campaign will message it, and its queued messages are skipped.']);
    expect(t.app.services.repos.optOuts.list()[0]).toMatchObject({ phone: '+5511987654321', reason: 'asked an operator', source: 'console:console (console)' });
    expect(lines(await t.type('/optout +5511987654321'))).toEqual(['+5511987654321 was already on the suppression list; nothing changed.']);
    expect(await t.type('/send 1 Hi {name}')).toContain('Recipients: 1 (list 2, opted out 1)');

    expect(lines(await t.type('/optin +5511987654321'))).toEqual(['+5511987654321 is off the suppression list: campaigns started from now on may message it again.']);
    expect(t.app.services.repos.optOuts.has('+5511987654321')).toBe(false);
    expect(lines(await t.type('/optin 12'))).toEqual(['"12" is not a phone number I can use: too short.']);
    expect(audited(t).slice(0, 4)).toEqual(['optin 12 error', 'optin +5511987654321 ok', 'send 1 Hi {name} ok', 'optout +5511987654321 ok']);
  });

  it('/forget erases a person from the lists, the texts of their messages and the exports, and keeps their opt-out', async () => {
    const t = await started();
    await importCsv(t, 'a.csv', ['Ana,(11) 98765-4321', 'Bia,(11) 98765-4322', 'Ana again,11 98765-4321', 'Bad,12']);
    await importCsv(t, 'b.csv', ['Ana,+55 11 98765-4321', 'Cai,(11) 98765-4323']);
    await t.type('/send 1 Hello {name}');
    await t.app.services.campaigns.start(1);
    await t.clock.runUntil(() => stateOf(t, 1) === 'completed');
    const report = /written to (\S+)/.exec(await t.type('/report 1'))![1]!;
    const rejected = join(t.app.services.paths.exports, 'list-1-rejected.csv');
    expect(readFileSync(rejected, 'utf8')).toContain('98765-4321');
    await t.type('/optout +5511987654321');

    const answer = lines(await t.type('/forget (11) 98765-4321'));
    expect(answer).toEqual(['+5511987654321 erased from lists 1, 2, 1 message(s) and 2 export row(s). It stays on the suppression list, so no campaign will message it.']);
    const { repos } = t.app.services;
    expect(repos.contacts.latestByPhone('+5511987654321')).toBeUndefined();
    expect(repos.lists.get(1)?.contactCount).toBe(1);
    const messages = [...repos.messages.ofRun(repos.runs.latestOf(1)!.id)];
    expect(messages.map((m) => [m.phone, m.body])).toEqual([
      [ERASED_PHONE, null],
      ['+5511987654322', 'Hello Bia'],
    ]);
    expect(readFileSync(report, 'utf8')).not.toContain('5511987654321');
    expect(readFileSync(report, 'utf8')).toContain('5511987654322');
    expect(readFileSync(rejected, 'utf8')).not.toContain('98765-4321');
    expect(readFileSync(rejected, 'utf8')).toContain('12');
    // The counts still add up.
    expect(repos.counters.forRun(repos.runs.latestOf(1)!.id)).toEqual(repos.counters.recount(repos.runs.latestOf(1)!.id));
    expect(audited(t)[0]).toBe('forget (11) 98765-4321 ok');
  });

  it('/droplist deletes a list nothing waits to send, and refuses one a campaign still uses', async () => {
    const t = await started();
    await importCsv(t, 'a.csv', ['Ana,(11) 98765-4321', 'Bad,12']);
    await importCsv(t, 'b.csv', ['Bia,(11) 98765-4322']);
    await t.type('/send 2 Hi');
    expect(lines(await t.type('/droplist 2'))).toEqual(['List 2 is used by campaign 1 (a draft); /cancel or /stop it first.']);

    expect(lines(await t.type('/droplist 1'))).toEqual(['List 1 "a.csv" dropped: 1 contact(s) deleted.']);
    expect(t.app.services.repos.lists.get(1)).toBeUndefined();
    expect(existsSync(join(t.app.services.paths.exports, 'list-1-rejected.csv'))).toBe(false);
    expect(lines(await t.type('/droplist 1'))).toEqual(['List 1 does not exist.']);

    await t.app.services.campaigns.start(1);
    await t.clock.runUntil(() => stateOf(t, 1) === 'completed');
    expect(lines(await t.type('/droplist 2'))).toEqual(['List 2 "b.csv" dropped: 1 contact(s) deleted. Reports of its campaigns keep their figures.']);
    expect(await t.type('/report 1')).toContain('1 recipient(s)');
    expect(audited(t).filter((line) => line.startsWith('droplist'))).toHaveLength(4);
  });

  it('/cancel of a draft deletes it, and its id is not given out again', async () => {
    const t = await started();
    await importCsv(t, 'a.csv', ['Ana,(11) 98765-4321']);
    await t.type('/send 1 Hi');
    expect(lines(await t.type('/cancel 1'))).toEqual(['Campaign 1 (a draft) deleted; nothing was sent.']);
    expect(t.app.services.repos.campaigns.get(1)).toBeUndefined();
    expect(lines(await t.type('/status 1'))).toEqual(['Campaign 1 does not exist.']);
    expect(await t.type('/send 1 Hello')).toContain('Campaign 2 (draft)');
    expect(audited(t)).toContain('cancel 1 ok');
  });
});
