import { describe, expect, it } from 'vitest';
import type { ReceiptOutcome } from '../../../src/queue/message-queue.js';
import { ReceiptBatcher, type Receipt, type ReceiptSink } from '../../../src/queue/receipt-batcher.js';
import { FakeClock } from '../../support/fake-clock.js';

/** Records each batch as one commit; refuses with SQLite's busy error while `busy` is set, as better-sqlite3 throws it. */
class RecordingSink implements ReceiptSink {
  commits: string[][] = [];
  busy = 0;
  failWith: Error | undefined;

  applyReceipts(receipts: readonly Receipt[]): (ReceiptOutcome | undefined)[] {
    if (this.busy > 0) {
      this.busy--;
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    }
    if (this.failWith) throw this.failWith;
    this.commits.push(receipts.map((r) => `${r.waMessageId}:${r.status}`));
    return receipts.map((r, i) => (r.status === 'read' ? { messageId: i, runId: 7, from: 'sent', to: 'read' } : undefined));
  }
}

function setup() {
  const clock = new FakeClock(0);
  const sink = new RecordingSink();
  const applied: ReceiptOutcome[][] = [];
  const errors: number[] = [];
  const batcher = new ReceiptBatcher(sink, clock, {
    windowMs: 20,
    busyRetryMs: 20,
    onApplied: (outcomes) => applied.push(outcomes),
    onError: (_error, lost) => errors.push(lost.length),
  });
  return { clock, sink, batcher, applied, errors };
}

const receipt = (id: string, status: Receipt['status'] = 'delivered'): Receipt => ({ waMessageId: id, status, at: 0 });

describe('receipts in group commits', () => {
  it('writes every receipt that arrived within the window in one commit', async () => {
    const { clock, sink, batcher } = setup();
    batcher.add(receipt('A'));
    await clock.advance(5);
    batcher.add(receipt('B'));
    batcher.add(receipt('A', 'read'));
    expect(sink.commits).toEqual([]);
    await clock.advance(15);
    expect(sink.commits).toEqual([['A:delivered', 'B:delivered', 'A:read']]);
  });

  it('starts a new window with the first receipt after a commit', async () => {
    const { clock, sink, batcher } = setup();
    batcher.add(receipt('A'));
    await clock.advance(20);
    batcher.add(receipt('B'));
    await clock.advance(19);
    expect(sink.commits).toEqual([['A:delivered']]);
    await clock.advance(1);
    expect(sink.commits).toEqual([['A:delivered'], ['B:delivered']]);
  });

  it('keeps a batch the database refused as busy and writes it later, ahead of newer receipts', async () => {
    const { clock, sink, batcher, errors } = setup();
    sink.busy = 2;
    batcher.add(receipt('A'));
    await clock.advance(20);
    batcher.add(receipt('B'));
    await clock.advance(20);
    expect(sink.commits).toEqual([]);
    expect(batcher.waiting).toBe(2);
    await clock.advance(20);
    expect(sink.commits).toEqual([['A:delivered', 'B:delivered']]);
    expect(errors).toEqual([]);
  });

  it('reports the outcomes that changed a message', async () => {
    const { clock, batcher, applied } = setup();
    batcher.add(receipt('A'));
    batcher.add(receipt('B', 'read'));
    await clock.advance(20);
    expect(applied).toEqual([[{ messageId: 1, runId: 7, from: 'sent', to: 'read' }]]);
  });

  it('writes what is waiting at shutdown without waiting for the window', () => {
    const { clock, sink, batcher } = setup();
    batcher.add(receipt('A'));
    batcher.close();
    expect(sink.commits).toEqual([['A:delivered']]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('retries a busy database at shutdown before giving the receipts up', () => {
    const { sink, batcher, errors } = setup();
    sink.busy = 2;
    batcher.add(receipt('A'));
    batcher.close();
    expect(sink.commits).toEqual([['A:delivered']]);
    expect(errors).toEqual([]);
  });

  it('reports a batch lost to an error other than a busy database', async () => {
    const { clock, sink, batcher, errors } = setup();
    sink.failWith = new TypeError('The database connection is not open');
    batcher.add(receipt('A'));
    batcher.add(receipt('B'));
    await clock.advance(20);
    expect(errors).toEqual([2]);
    expect(batcher.waiting).toBe(0);
  });
});
