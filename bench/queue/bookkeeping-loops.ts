import type { ClaimedMessage, MessageQueue, Rendered } from '../../src/queue/message-queue.js';
import type { ClaimCandidate } from '../../src/db/repos/messages-repo.js';
import type { DailyCap } from '../../src/dispatch/daily-cap.js';

export interface BookkeepingDeps {
  queue: MessageQueue;
  runIds: number[];
  now: () => number;
  render: (candidate: ClaimCandidate) => Rendered;
  dailyCap: DailyCap;
}

/**
 * The queue's per-message transactions, as the send loop makes them, with the
 * send itself left out. Each call handles one message; false when the run is empty.
 */
export function pacedBookkeeping({ queue, runIds, now, render, dailyCap }: BookkeepingDeps): () => boolean {
  // Paced sends: the message is picked without a write, marked `sending` in a
  // commit right before the send, and acked in another right after it.
  return () => {
    const picked = queue.pickNext(runIds, now(), render);
    if (!picked) return false;
    const claimed = queue.startSending(picked, now());
    if (!claimed) return false;
    const sentAt = now();
    queue.ackSent(claimed.id, sentAt, dailyCap.key(sentAt));
    return true;
  };
}

export function backToBackBookkeeping({ queue, runIds, now, render, dailyCap }: BookkeepingDeps): { step: () => boolean; finish: () => void } {
  // Sends with no gap: the look-ahead peeks the next message before the send, and
  // the ack of this one and the mark `sending` of that one share a commit.
  let current: ClaimedMessage | undefined;
  return {
    step: () => {
      if (!current) {
        const picked = queue.pickNext(runIds, now(), render);
        current = picked && queue.startSending(picked, now());
      }
      if (!current) return false;
      const expected = queue.peekNext(runIds, now());
      const sentAt = now();
      current = queue.ackSentAndClaimNext(current.id, sentAt, dailyCap.key(sentAt), {
        runIds,
        now: sentAt,
        render,
        ...(expected ? { expectedId: expected.id } : {}),
        accept: (candidate) => candidate.id === expected?.id && dailyCap.blockedUntil(sentAt) === undefined,
      });
      return true;
    },
    // The last claim of a measurement is sent too, so no message is left `sending`.
    finish: () => {
      if (current) queue.ackSent(current.id, now());
      current = undefined;
    },
  };
}
