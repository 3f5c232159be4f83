import { afterEach, describe, expect, it } from 'vitest';
import type { RunState } from '../../../src/campaigns/run-state.js';
import { LOGIN_GRACE_MS } from '../../../src/dispatch/login-wait.js';
import { seedList } from '../../support/seed.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { tempDir } from '../../support/temp-dir.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

/** A campaign left running by the previous process, and the app started again on its data with a link that takes `linkAfterMs` to come up. */
async function restartWithRunningCampaign(linkAfterMs: number): Promise<{ t: TestApp; campaignId: number; moves: RunState[] }> {
  const dataDir = tempDir();
  const before = createTestApp({}, { dataDir });
  const listId = seedList(before.app.services.repos, 5);
  const campaignId = before.app.services.campaigns.createDraft({ listId, template: 'Hi {name}' }).id;
  await before.app.services.campaigns.start(campaignId);
  await before.stop();

  const t = createTestApp({}, { dataDir, pairAfterMs: linkAfterMs });
  current = t;
  const moves: RunState[] = [];
  t.app.services.events.on('run.state', ({ campaignId: id, to }) => {
    if (id === campaignId) moves.push(to);
  });
  await t.app.start();
  return { t, campaignId, moves };
}

describe('waiting for the WhatsApp login', () => {
  it('is not announced at start while the link is still coming up', async () => {
    const { t, campaignId, moves } = await restartWithRunningCampaign(5_000);
    await t.clock.runUntil(() => t.app.services.repos.campaigns.get(campaignId)?.state === 'completed');

    expect(moves).toEqual(['completed']);
  });

  it('is announced when the link does not come up within the grace period, and ends when it does', async () => {
    const { t, campaignId, moves } = await restartWithRunningCampaign(LOGIN_GRACE_MS + 60_000);
    await t.clock.advance(LOGIN_GRACE_MS - 1_000);
    expect(moves).toEqual([]);
    await t.clock.advance(2_000);
    expect(t.app.services.repos.campaigns.get(campaignId)?.state).toBe('waiting_for_login');
    await t.clock.runUntil(() => t.app.services.repos.campaigns.get(campaignId)?.state === 'completed');

    expect(moves).toEqual(['waiting_for_login', 'running', 'completed']);
  });
});
