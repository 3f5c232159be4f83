import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedList } from '../support/seed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe('a campaign that asks to go slower', () => {
  it('keeps at least its own delay between messages', async () => {
    const dataDir = tempDir();
    const log = join(dataDir, 'sent.jsonl');
    current = createTestApp({ SEND_DELAY_MIN_MS: '1000', SEND_DELAY_MAX_MS: '2000', DRY_RUN_LOG: log }, { dataDir });
    const t = current;
    await t.app.start();
    const listId = seedList(t.app.services.repos, 6);
    expect(await t.type(`/send ${listId} Hello {name} delay=10-12`)).toContain('Campaign 1 (draft)');
    await t.type('/run 1');
    await t.clock.runUntil(() => t.app.services.repos.campaigns.get(1)?.state === 'completed');

    const times = readFileSync(log, 'utf8').trim().split('\n').map((l) => Date.parse((JSON.parse(l) as { at: string }).at));
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(10_000);
  });

  it('is refused when it would be faster than the number, and nothing is created', async () => {
    current = createTestApp({ SEND_DELAY_MIN_MS: '4000', SEND_DELAY_MAX_MS: '8000' });
    await current.app.start();
    const listId = seedList(current.app.services.repos, 2);
    expect((await current.type(`/send ${listId} Hi delay=1`)).trim()).toBe("Delay 1 is faster than this number's pacing (4-8 s); a campaign may only send slower");
    expect(current.app.services.repos.campaigns.list()).toEqual([]);
  });
});
