import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import { openDatabase } from '../../../src/db/connection.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories.js';
import { enqueueRunMessages } from '../../../src/queue/enqueue.js';
import { MessageQueue } from '../../../src/queue/message-queue.js';
import { claim } from '../../support/claim.js';
import { seedList } from '../../support/seed.js';
import { tempDir } from '../../support/temp-dir.js';

const render = () => 'Hi';

async function startRun(repos: Repositories, listId: number, count: number): Promise<number> {
  const campaignId = repos.campaigns.create({ listId, sessionName: 'main', template: 'Hi', at: 0 });
  const range = repos.contacts.idRange(listId)!;
  const runId = repos.runs.create({ campaignId, trigger: 'manual', total: count, enqueueStart: range.min, enqueueEnd: range.max, at: 0 });
  await enqueueRunMessages(repos, runId, listId);
  return runId;
}

function setup() {
  const repos = createRepositories(openDatabase(join(tempDir(), 'inbound.db')));
  const queue = new MessageQueue(repos, { maxRetries: 1, baseMs: 1, maxMs: 1, factor: 1 }, seededRandom(2));
  const sendAll = (runId: number, at: number) => {
    for (let message = claim(queue, [runId], at, render); message; message = claim(queue, [runId], at, render)) queue.ackSent(message.id, at);
  };
  return { repos, queue, sendAll };
}

describe('replies find the message they answer through the contact', () => {
  it('finds the latest message sent to the number, across lists and runs', async () => {
    const { repos, sendAll } = setup();
    const first = await startRun(repos, seedList(repos, 3), 3);
    sendAll(first, 10);
    const second = await startRun(repos, seedList(repos, 2), 2);
    sendAll(second, 20);
    const found = repos.inbound.latestSentTo('+5511910000001');
    expect(found?.runId).toBe(second);
    expect(repos.messages.get(found!.id)?.phone).toBe('+5511910000001');
    expect(repos.inbound.latestSentTo('+5511910000002')?.runId).toBe(first);
  });

  it('takes the latest among the numbers one account answered as', async () => {
    const { repos, sendAll } = setup();
    const runId = await startRun(repos, seedList(repos, 3), 3);
    sendAll(runId, 10);
    const found = repos.inbound.latestSentTo('+5511910000000', '+5511910000002');
    expect(repos.messages.get(found!.id)?.phone).toBe('+5511910000002');
  });

  it('finds nothing for a number whose messages were never handed to a send', async () => {
    const { repos } = setup();
    await startRun(repos, seedList(repos, 2), 2);
    expect(repos.inbound.latestSentTo('+5511910000000')).toBeUndefined();
    expect(repos.inbound.latestSentTo('+5511999999999')).toBeUndefined();
  });
});
