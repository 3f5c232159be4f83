import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import { openDatabase } from '../../../src/db/connection.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories.js';
import { enqueueRunMessages } from '../../../src/queue/enqueue.js';
import { MessageQueue } from '../../../src/queue/message-queue.js';
import { FakeClock } from '../../support/fake-clock.js';
import { claim } from '../../support/claim.js';
import { seedList } from '../../support/seed.js';
import { tempDir } from '../../support/temp-dir.js';

const policy = { maxRetries: 2, baseMs: 1000, maxMs: 10_000, factor: 2 };

function setup(contacts = 5) {
  const repos: Repositories = createRepositories(openDatabase(join(tempDir(), 'queue.db')));
  const listId = seedList(repos, contacts);
  const campaignId = repos.campaigns.create({ listId, sessionName: 'main', template: 'Hi {name}', at: 0 });
  const range = repos.contacts.idRange(listId)!;
  const runId = repos.runs.create({ campaignId, trigger: 'manual', total: contacts, enqueueStart: range.min, enqueueEnd: range.max, at: 0 });
  const queue = new MessageQueue(repos, policy, seededRandom(3));
  return { repos, listId, runId, queue };
}

const render = () => 'rendered';

describe('the durable queue', () => {
  it('enqueues one message per contact, each with its own WhatsApp-style id', async () => {
    const { repos, runId, listId } = setup(50);
    await enqueueRunMessages(repos, runId, listId, { batchSize: 7 });
    const messages = [...repos.messages.ofRun(runId)];
    expect(messages).toHaveLength(50);
    expect(new Set(messages.map((m) => m.waMessageId)).size).toBe(50);
    expect(messages.every((m) => /^3EB0[0-9A-F]{18}$/.test(m.waMessageId))).toBe(true);
    expect(repos.counters.forRun(runId).pending).toBe(50);
  });

  it('writes opted-out numbers as skipped', async () => {
    const { repos, runId, listId } = setup(5);
    repos.optOuts.add('+5511910000002', 'replied STOP', 'test', 0);
    await enqueueRunMessages(repos, runId, listId);
    const counts = repos.counters.forRun(runId);
    expect(counts.skipped).toBe(1);
    expect(counts.pending).toBe(4);
  });

  it('resumes an enqueue a crash cut short without duplicating messages', async () => {
    const { repos, runId, listId } = setup(30);
    const run = repos.runs.get(runId)!;
    // Simulate a crash after the first batch: only the cursor survives.
    repos.db.prepare(`INSERT INTO messages (run_id, contact_id, phone, wa_message_id, state) SELECT ?, id, phone, 'X' || id, 'pending' FROM contacts WHERE id <= ?`).run(runId, run.enqueueCursor + 10);
    repos.runs.advanceEnqueueCursor(runId, run.enqueueCursor + 10);
    await enqueueRunMessages(repos, runId, listId, { batchSize: 8 });
    const phones = [...repos.messages.ofRun(runId)].map((m) => m.phone);
    expect(phones).toHaveLength(30);
    expect(new Set(phones).size).toBe(30);
  });

  it('claims a message, stores its rendered body and counts the attempt in one step', async () => {
    const { repos, runId, listId, queue } = setup(2);
    await enqueueRunMessages(repos, runId, listId);
    const claimed = claim(queue, [runId], 1000, render)!;
    expect(claimed.attempt).toBe(1);
    const stored = repos.messages.get(claimed.id)!;
    expect(stored.state).toBe('sending');
    expect(stored.body).toBe('rendered');
    expect(stored.waMessageId).toBe(claimed.waMessageId);
    expect(repos.counters.forRun(runId)).toMatchObject({ pending: 1, sending: 1 });
  });

  it('sends a retry later with backoff, then fails it when retries are spent', async () => {
    const { repos, runId, listId, queue } = setup(1);
    await enqueueRunMessages(repos, runId, listId);
    let now = 0;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const claimed = claim(queue, [runId], now, render)!;
      const outcome = queue.failTransient(claimed, 'timeout', now);
      expect(outcome.state).toBe('pending');
      if (outcome.state !== 'pending') return;
      const ceiling = 1000 * 2 ** (attempt - 1);
      expect(outcome.nextAttemptAt - now).toBeGreaterThanOrEqual(ceiling / 2);
      expect(outcome.nextAttemptAt - now).toBeLessThanOrEqual(ceiling);
      expect(claim(queue, [runId], outcome.nextAttemptAt - 1, render)).toBeUndefined();
      now = outcome.nextAttemptAt;
    }
    const last = claim(queue, [runId], now, render)!;
    expect(queue.failTransient(last, 'timeout', now)).toEqual({ state: 'failed' });
    expect(repos.messages.get(last.id)).toMatchObject({ state: 'failed', attempts: 3 });
  });

  it('puts a message back without spending an attempt when the link was down', async () => {
    const { repos, runId, listId, queue } = setup(1);
    await enqueueRunMessages(repos, runId, listId);
    const claimed = claim(queue, [runId], 0, render)!;
    queue.release(claimed.id);
    expect(repos.messages.get(claimed.id)).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('marks an interrupted one-off message unknown too, beside those of runs', async () => {
    const { repos, runId, listId, queue } = setup(3);
    await enqueueRunMessages(repos, runId, listId);
    const direct = queue.createDirect('+5511910000009', 'hello', 0);
    const claimed = claim(queue, [runId], 0, render)!;
    expect(queue.recoverInterrupted()).toBe(2);
    expect(repos.messages.get(direct.id)?.state).toBe('unknown');
    expect(repos.messages.get(claimed.id)?.state).toBe('unknown');
    expect(repos.counters.forRun(runId).pending).toBe(2);
  });

  it('puts a released message back first in line', async () => {
    const { repos, runId, listId, queue } = setup(3);
    await enqueueRunMessages(repos, runId, listId);
    const first = claim(queue, [runId], 0, render)!;
    queue.release(first.id);
    expect(claim(queue, [runId], 0, render)?.id).toBe(first.id);
  });

  it('marks sends interrupted by a crash as unknown, and resends them only when asked, with the same id', async () => {
    const { repos, runId, listId, queue } = setup(3);
    await enqueueRunMessages(repos, runId, listId);
    const claimed = claim(queue, [runId], 0, render)!;
    expect(queue.recoverInterrupted()).toBe(1);
    expect(repos.messages.get(claimed.id)?.state).toBe('unknown');
    // Not claimable until the operator asks.
    const others = [claim(queue, [runId], 0, render)!, claim(queue, [runId], 0, render)!];
    expect(others.map((m) => m.id)).not.toContain(claimed.id);
    expect(claim(queue, [runId], 0, render)).toBeUndefined();
    expect(queue.requeueUnknown(runId)).toBe(1);
    const again = claim(queue, [runId], 0, render)!;
    expect(again.id).toBe(claimed.id);
    expect(again.waMessageId).toBe(claimed.waMessageId);
  });

  it('moves messages forward on receipts only, matched by message id', async () => {
    const { repos, runId, listId, queue } = setup(1);
    await enqueueRunMessages(repos, runId, listId);
    const claimed = claim(queue, [runId], 0, render)!;
    queue.ackSent(claimed.id, 10);
    expect(queue.applyReceipt(claimed.waMessageId, 'read', 30)?.to).toBe('read');
    expect(queue.applyReceipt(claimed.waMessageId, 'delivered', 40)).toBeUndefined();
    expect(repos.messages.get(claimed.id)).toMatchObject({ state: 'read', sentAt: 10, deliveredAt: 30, readAt: 30 });
    expect(queue.applyReceipt('3EB0NOTOURS', 'read', 50)).toBeUndefined();
  });

  it('settles an unknown message when a receipt proves it arrived', async () => {
    const { repos, runId, listId, queue } = setup(1);
    await enqueueRunMessages(repos, runId, listId);
    const claimed = claim(queue, [runId], 0, render)!;
    queue.recoverInterrupted();
    expect(queue.applyReceipt(claimed.waMessageId, 'delivered', 99)?.to).toBe('delivered');
    expect(repos.counters.forRun(runId)).toMatchObject({ unknown: 0, delivered: 1 });
  });

  it('keeps the counters equal to a count over the messages through every transition', async () => {
    const { repos, runId, listId, queue } = setup(20);
    await enqueueRunMessages(repos, runId, listId);
    const clock = new FakeClock(0);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const claimed = claim(queue, [runId], clock.now(), render)!;
      if (i % 4 === 0) queue.failTransient(claimed, 'x', clock.now());
      else if (i % 4 === 1) queue.failPermanent(claimed.id, 'bad number');
      else queue.ackSent(claimed.id, clock.now()), ids.push(claimed.waMessageId);
    }
    claim(queue, [runId], clock.now(), render);
    queue.recoverInterrupted();
    for (const id of ids.slice(0, 3)) queue.applyReceipt(id, 'delivered', 5);
    expect(repos.counters.forRun(runId)).toEqual(repos.counters.recount(runId));
  });
});
