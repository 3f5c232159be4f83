import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { createRepositories } from '../../src/db/repositories.js';
import { MessageQueue } from '../../src/queue/message-queue.js';
import { enqueueRunMessages } from '../../src/queue/enqueue.js';
import { seededRandom } from '../../src/core/random.js';
import { join } from 'node:path';
import { claim } from '../support/claim.js';
import { seedList } from '../support/seed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

/** A database as a killed process leaves it: a running run with one message caught mid-send. */
async function crashedMidSend(dataDir: string): Promise<{ campaignId: number; inFlightId: string }> {
  const repos = createRepositories(openDatabase(join(dataDir, 'zapcast.db')));
  const listId = seedList(repos, 4);
  const campaignId = repos.campaigns.create({ listId, sessionName: 'main', template: 'Hi {name}', at: 0 });
  const range = repos.contacts.idRange(listId)!;
  const runId = repos.runs.create({ campaignId, trigger: 'manual', total: 4, enqueueStart: range.min, enqueueEnd: range.max, at: 0 });
  repos.campaigns.setState(campaignId, 'running', null, 0);
  await enqueueRunMessages(repos, runId, listId);
  const queue = new MessageQueue(repos, { maxRetries: 3, baseMs: 1000, maxMs: 1000, factor: 2 }, seededRandom(1));
  const inFlight = claim(queue, [runId], 0, () => 'Hi')!;
  repos.db.close();
  return { campaignId, inFlightId: inFlight.waMessageId };
}

describe('start after a crash', () => {
  it('marks the interrupted send unknown, carries the run on, and resends it only when asked, with its id', async () => {
    const dataDir = tempDir();
    const { campaignId, inFlightId } = await crashedMidSend(dataDir);
    current = createTestApp({}, { dataDir });
    const t = current;
    await t.app.start();
    await t.clock.runUntil(() => t.app.services.repos.campaigns.get(campaignId)?.state === 'completed');

    const status = await t.type(`/status ${campaignId}`);
    expect(status).toContain('unknown 1');
    expect(status).toContain(`/resume ${campaignId} resend-unknown`);
    const { repos } = t.app.services;
    expect(repos.messages.byWaMessageId(inFlightId)?.state).toBe('unknown');

    const answer = await t.type(`/resume ${campaignId} resend-unknown`);
    expect(answer).toContain('1 message(s) with an unknown outcome will be sent again with their original ids');
    await t.clock.runUntil(() => repos.campaigns.get(campaignId)?.state === 'completed');
    const resent = repos.messages.byWaMessageId(inFlightId)!;
    expect(['sent', 'delivered', 'read']).toContain(resent.state);
    expect(resent.attempts).toBe(2);
  });
});
