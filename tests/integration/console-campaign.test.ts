import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

function writeContacts(dir: string, rows: number): string {
  const lines = ['name,phone,city'];
  for (let i = 0; i < rows; i++) lines.push(`Person ${i},+55119${String(10000000 + i)},City ${i % 3}`);
  const path = join(dir, 'contacts.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('a campaign run from the console', () => {
  it('sends every contact exactly once with its text rendered, and /status says completed', async () => {
    const dataDir = tempDir();
    const log = join(dataDir, 'sent.jsonl');
    current = createTestApp({ DRY_RUN_LATENCY_MS: '200', DRY_RUN_LOG: log }, { dataDir });
    const t = current;
    await t.app.start();
    const csv = writeContacts(t.dataDir, 25);

    expect(await t.type(`/import ${csv}`)).toContain('Valid: 25');
    const preview = await t.type('/send 1 Hi {name} from {city}');
    expect(preview).toContain('Hi Person 0 from City 0');
    expect(preview).toContain('Recipients: 25');
    await t.type('/run 1');
    await t.clock.runUntil(() => t.app.services.repos.campaigns.get(1)?.state === 'completed');

    const status = await t.type('/status 1');
    expect(status).toContain('completed');
    expect(status).toContain('sent 25');
    expect(status).toContain('failed 0');
    const sent = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { jid: string; text: string; messageId: string });
    expect(sent).toHaveLength(25);
    expect(new Set(sent.map((s) => s.jid)).size).toBe(25);
    expect(new Set(sent.map((s) => s.messageId)).size).toBe(25);
    expect(sent.find((s) => s.jid === '5511910000007@s.whatsapp.net')?.text).toBe('Hi Person 7 from City 1');
  });
});
