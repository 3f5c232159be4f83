import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import { openDatabase } from '../../../src/db/connection.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories.js';
import { enqueueRunMessages } from '../../../src/queue/enqueue.js';
import { MessageQueue, type FollowingClaim } from '../../../src/queue/message-queue.js';
import { claim } from '../../support/claim.js';
import { seedList } from '../../support/seed.js';
import { tempDir } from '../../support/temp-dir.js';

async function setup(contacts: number) {
  const repos: Repositories = createRepositories(openDatabase(join(tempDir(), 'queue.db')));
  const listId = seedList(repos, contacts);
  const campaignId = repos.campaigns.create({ listId, sessionName: 'main', template: 'Hi {name}', at: 0 });
  const range = repos.contacts.idRange(listId)!;
  const runId = repos.runs.create({ campaignId, trigger: 'manual', total: contacts, enqueueStart: range.min, enqueueEnd: range.max, at: 0 });
  await enqueueRunMessages(repos, runId, listId);
  const queue = new MessageQueue(repos, { maxRetries: 2, baseMs: 1000, maxMs: 10_000, factor: 2 }, seededRandom(3));
  return { repos, runId, queue };
}

const render = () => 'rendered';
const next = (runId: number, overrides: Partial<FollowingClaim> = {}): FollowingClaim => ({ runIds: [runId], now: 20, render, accept: () => true, ...overrides });

describe('sends with no gap between them', () => {
  it('acks a message and claims the next one in the same commit', async () => {
    const { repos, runId, queue } = await setup(3);
    const first = claim(queue, [runId], 10, render)!;
    const second = queue.ackSentAndClaimNext(first.id, 20, { sessionName: 'main', day: '2026-01-05' }, next(runId))!;

    expect(repos.messages.get(first.id)).toMatchObject({ state: 'sent', sentAt: 20 });
    expect(repos.messages.get(second.id)).toMatchObject({ state: 'sending', attempts: 1, body: 'rendered', waMessageId: second.waMessageId });
    expect(repos.sendDays.sent('main', '2026-01-05')).toBe(1);
    expect(repos.counters.forRun(runId)).toEqual(repos.counters.recount(runId));
  });

  it('commits the ack alone when the next message may not go yet', async () => {
    const { repos, runId, queue } = await setup(3);
    const first = claim(queue, [runId], 10, render)!;
    const expected = queue.peekNext([runId], 10)!;
    const claimed = queue.ackSentAndClaimNext(first.id, 20, undefined, next(runId, { accept: (candidate) => candidate.id !== expected.id }));

    expect(claimed).toBeUndefined();
    expect(repos.messages.get(first.id)?.state).toBe('sent');
    expect(repos.messages.get(expected.id)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(repos.counters.forRun(runId)).toMatchObject({ sent: 1, sending: 0, pending: 2 });
  });

  it('keeps the ack when claiming the next message fails', async () => {
    const { repos, runId, queue } = await setup(2);
    const first = claim(queue, [runId], 10, render)!;
    const failingRender = () => {
      throw new Error('template broke');
    };
    expect(queue.ackSentAndClaimNext(first.id, 20, undefined, next(runId, { render: failingRender }))).toBeUndefined();

    expect(repos.messages.get(first.id)?.state).toBe('sent');
    expect(repos.counters.forRun(runId)).toEqual(repos.counters.recount(runId));
    expect(repos.counters.forRun(runId)).toMatchObject({ sent: 1, sending: 0, pending: 1 });
  });

  it('peeks at the message the next claim takes without taking it', async () => {
    const { repos, runId, queue } = await setup(2);
    const peeked = queue.peekNext([runId], 10)!;
    expect(repos.messages.get(peeked.id)?.state).toBe('pending');
    expect(claim(queue, [runId], 10, render)?.id).toBe(peeked.id);
  });
});

describe('WhatsApp message ids', () => {
  it('sends each message under the id derived from its row, and matches its receipts by decoding it', async () => {
    const { repos, runId, queue } = await setup(2);
    const first = claim(queue, [runId], 10, render)!;
    queue.ackSent(first.id, 11);
    expect(first.waMessageId).toMatch(/^3EB0[0-9A-F]{18}$/);
    expect(first.waMessageId).toBe(repos.messages.waIds.forRow(first.id));
    expect(repos.messages.get(first.id)?.waMessageId).toBe(first.waMessageId);
    expect(queue.applyReceipt(first.waMessageId, 'delivered', 13)?.messageId).toBe(first.id);
    expect(repos.messages.get(first.id)?.state).toBe('delivered');
  });

  it('still matches a receipt to a message sent under a stored id (before ids were derived)', async () => {
    const { repos, runId, queue } = await setup(2);
    const first = claim(queue, [runId], 10, render)!;
    queue.ackSent(first.id, 11);
    repos.db.prepare('UPDATE messages SET wa_message_id = ? WHERE id = ?').run('3EB0AAAABBBBCCCCDDDDEE', first.id);
    expect(queue.applyReceipt('3EB0AAAABBBBCCCCDDDDEE', 'read', 13)?.messageId).toBe(first.id);
    // The derived id of that row is not what it was sent under.
    expect(queue.applyReceipt(repos.messages.waIds.forRow(first.id), 'read', 14)).toBeUndefined();
  });

  it('matches a receipt only to a message that was handed to a send', async () => {
    const { repos, runId, queue } = await setup(1);
    const waiting = queue.peekNext([runId], 0)!;
    expect(queue.applyReceipt(waiting.waMessageId, 'delivered', 5)).toBeUndefined();
    expect(repos.messages.get(waiting.id)?.state).toBe('pending');
  });
});
