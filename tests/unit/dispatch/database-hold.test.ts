import { linkSync, unlinkSync } from 'node:fs';
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

describe('sending while the database cannot record it', () => {
  it('holds every send while the database file is missing, reports 503, and goes on once the same file is back', async () => {
    const dataDir = tempDir();
    const t = (current = createTestApp({}, { dataDir }));
    await t.app.start();
    const { repos, campaigns } = t.app.services;
    const path = join(dataDir, 'zapcast.db');
    const kept = join(tempDir(), 'kept.db');
    const campaign = campaigns.createDraft({ listId: seedList(repos, 3, t.clock.now()), template: 'Hi {name}' });
    const sent: string[] = [];
    const sendText = t.transport.sendText.bind(t.transport);
    t.transport.sendText = async (jid, text, options) => {
      sent.push(jid);
      return sendText(jid, text, options);
    };

    // Deleted under zapcast (a second name keeps the file, as a restore from backup would).
    linkSync(path, kept);
    unlinkSync(path);
    await campaigns.start(campaign.id);
    await t.clock.advance(10 * 60_000);
    expect(sent).toEqual([]);
    expect(t.app.health()).toMatchObject({ status: 'unhealthy', problems: [expect.stringMatching(/^the database file .* is gone/)] });

    linkSync(kept, path);
    await t.clock.runUntil(() => repos.campaigns.get(campaign.id)?.state === 'completed', 3_600_000);
    expect(sent).toHaveLength(3);
    expect(t.app.health().status).toBe('ok');
  });
});
