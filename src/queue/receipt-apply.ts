import type { Repositories } from '../db/repositories.js';
import type { ReceiptOutcome } from './message-queue.js';
import { RECEIPT_RANK } from './message-state.js';
import type { Receipt } from './receipt-batcher.js';

/**
 * Applies a delivery receipt matched by WhatsApp message id, inside the
 * caller's transaction. Receipts only move a message forward (a late
 * "delivered" never undoes "read"); a receipt for an `unknown` message settles
 * it, since it proves the send happened. Undefined when it changes nothing.
 */
export function applyReceiptIn(repos: Repositories, { waMessageId, status, at, error }: Receipt): ReceiptOutcome | undefined {
  const message = repos.messages.byWaMessageId(waMessageId);
  if (!message) return undefined;
  const from = message.state;
  if (status === 'failed') {
    if (from === 'failed' || from === 'read' || from === 'delivered' || from === 'skipped') return undefined;
    repos.messages.statements.markFailed.run(error ?? 'WhatsApp reported an error', message.id);
    return { messageId: message.id, runId: message.runId, from, to: 'failed' };
  }
  const currentRank = RECEIPT_RANK[from];
  const newRank = RECEIPT_RANK[status];
  if (currentRank === undefined || newRank === undefined || newRank <= currentRank) return undefined;
  repos.messages.setReceipt(message.id, status, at);
  return { messageId: message.id, runId: message.runId, from, to: status };
}
