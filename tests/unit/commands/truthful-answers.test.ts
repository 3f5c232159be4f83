import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedList } from '../../support/seed.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { tempDir } from '../../support/temp-dir.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

async function started(settings: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = tempDir();
  current = createTestApp({ DRY_RUN_LOG: join(dataDir, 'sent.jsonl'), ...settings }, { dataDir });
  await current.app.start();
  return current;
}

const lines = (output: string) => output.trim().split('\n');

describe('what the operator is told is what happens', () => {
  it('shows a draft, a fresh scheduled campaign and a cancelled one as 0 done, not 100%', async () => {
    const t = await started();
    seedList(t.app.services.repos, 3);
    const notStarted = (answer: string) => {
      expect(answer).not.toContain('100%');
      expect(answer).toContain('Not started: nothing sent yet; 3 contact(s) on list 1.');
    };
    await t.type('/send 1 Hi {name}');
    notStarted(await t.type('/status 1'));
    await t.type('/schedule 1 daily 18:00');
    notStarted(await t.type('/status 1'));
    await t.type('/send 1 Bye');
    await t.type('/schedule 2 daily 18:00');
    await t.type('/cancel 2');
    notStarted(await t.type('/status 2'));
  });

  it('says a list with no contacts is empty, not that everyone opted out', async () => {
    const t = await started();
    const empty = t.app.services.repos.lists.create({ name: 'empty', createdAt: 0 });
    t.app.services.repos.lists.finish(empty, 0, '{}');
    expect(lines(await t.type(`/send ${empty} Hi`))).toEqual([`List ${empty} has no contacts (its import found no valid numbers); there is nobody to send to.`]);
  });

  it('makes no list from an import with no valid number, and does not suggest /send', async () => {
    const t = await started();
    const file = join(t.dataDir, 'bad.csv');
    writeFileSync(file, 'name,phone\nAna,12\nBia,n/a\n');
    const answer = await t.type(`/import ${file}`);
    expect(answer).toContain('Nothing imported from "bad.csv": no row has a valid phone number, so no list was made.');
    expect(answer).toContain('/import the file again');
    expect(answer).not.toContain('/send');
    expect(answer).toContain('Rejected rows of list');
    expect(t.app.services.repos.lists.list()).toEqual([]);
  });

  it('refuses to cancel a finished campaign without pointing at a /stop that would refuse too', async () => {
    const t = await started();
    seedList(t.app.services.repos, 2);
    await t.type('/send 1 Hi');
    await t.app.services.campaigns.start(1);
    await t.clock.runUntil(() => t.app.services.repos.campaigns.get(1)?.state === 'completed');
    const answer = lines(await t.type('/cancel 1'));
    expect(answer).toEqual(['Campaign 1 is completed; there is nothing left to cancel.']);
  });

  it('describes a plain /stop as stopped, and /cancel as cancelled', async () => {
    const t = await started();
    seedList(t.app.services.repos, 2);
    await t.type('/send 1 Hi');
    await t.type('/send 1 Hello');
    // Typed by hand, /stop asks first; typing the Confirm line presses it.
    await t.type('/stop 1');
    await t.type('/stop 1');
    await t.type('/schedule 2 daily 18:00');
    await t.type('/cancel 2');
    expect(t.app.services.repos.campaigns.get(1)?.stateReason).toBe('stopped by an operator');
    expect(t.app.services.repos.campaigns.get(2)?.stateReason).toBe('cancelled by an operator');
  });

  it('fills {name} in /test from the contact with that number, and says when none has it', async () => {
    const t = await started();
    seedList(t.app.services.repos, 2);
    const filled = await t.type('/test +5511910000001 Hi {name}, all good?');
    expect(filled).toContain('Sent to +5511910000001');
    expect(filled).toContain("{name} filled from list 1's contact Contact 1.");
    const unknown = await t.type('/test +5511920000000 Hi {name|friend}!');
    expect(unknown).toContain('No list has +5511920000000, so {name} got its fallback or nothing.');
    const texts = readFileSync(join(t.dataDir, 'sent.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text);
    expect(texts).toEqual(['Hi Contact 1, all good?', 'Hi friend!']);
  });
});
