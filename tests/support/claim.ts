import type { ClaimCandidate } from '../../src/db/repos/messages-repo.js';
import type { ClaimedMessage, MessageQueue, Rendered } from '../../src/queue/message-queue.js';

/** Picks the next due message and marks it `sending` at once, as the send loop does around its wait and typing. */
export function claim(queue: MessageQueue, runIds: number[], now: number, render: (candidate: ClaimCandidate) => Rendered): ClaimedMessage | undefined {
  const picked = queue.pickNext(runIds, now, render);
  return picked && queue.startSending(picked, now);
}
