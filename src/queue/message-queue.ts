import { inTransaction } from '../db/connection.js';
import type { Repositories } from '../db/repositories.js';
import type { ClaimCandidate } from '../db/repos/messages-repo.js';
import type { Random } from '../core/random.js';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import { RECEIPT_RANK, type MessageState } from './message-state.js';
import { newWaMessageId } from './message-id.js';

export interface ClaimedMessage {
  id: number;
  runId: number | null;
  phone: string;
  waMessageId: string;
  attempt: number;
  body: string;
}

export interface RetryPolicy extends BackoffPolicy {
  maxRetries: number;
}

export type FailureOutcome = { state: 'pending'; nextAttemptAt: number } | { state: 'failed' };

export type ReceiptStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface ReceiptOutcome {
  messageId: number;
  runId: number | null;
  from: MessageState;
  to: MessageState;
}

/**
 * The durable message queue. Every transition is one IMMEDIATE transaction in
 * which the run counters move too (triggers), so progress never drifts from the
 * messages and a crash leaves either the old state or the new one.
 */
export class MessageQueue {
  constructor(
    private readonly repos: Repositories,
    private readonly retry: RetryPolicy,
    private readonly random: Random,
  ) {}

  /**
   * Takes the next due message of the first run in `runIds` that has one, renders
   * its body and marks it `sending` with one more attempt, all in one commit.
   * A body stored earlier (a resend) is kept so the resend is identical.
   */
  claimNext(runIds: number[], now: number, render: (candidate: ClaimCandidate) => string): ClaimedMessage | undefined {
    const { statements } = this.repos.messages;
    return inTransaction(this.repos.db, () => {
      for (const runId of runIds) {
        const candidate = statements.nextDue.get(runId, now) as ClaimCandidate | undefined;
        if (!candidate) continue;
        const body = candidate.body ?? render(candidate);
        statements.markSending.run(now, body, candidate.id);
        return {
          id: candidate.id,
          runId: candidate.runId,
          phone: candidate.phone,
          waMessageId: candidate.waMessageId,
          attempt: candidate.attempts + 1,
          body,
        };
      }
      return undefined;
    });
  }

  /** The earliest time a pending message of these runs becomes due (for the idle wait). */
  earliestDue(runIds: number[]): number | undefined {
    let earliest: number | undefined;
    for (const runId of runIds) {
      const row = this.repos.messages.statements.earliestPending.get(runId) as { at: number | null };
      if (row.at !== null && (earliest === undefined || row.at < earliest)) earliest = row.at;
    }
    return earliest;
  }

  /** Records a one-off message (outside any campaign) already claimed for sending. */
  createDirect(phone: string, body: string, now: number): ClaimedMessage {
    return inTransaction(this.repos.db, () => {
      const waMessageId = newWaMessageId();
      const result = this.repos.messages.statements.insertOne.run(null, null, phone, waMessageId, body);
      const id = Number(result.lastInsertRowid);
      this.repos.messages.statements.markSending.run(now, body, id);
      return { id, runId: null, phone, waMessageId, attempt: 1, body };
    });
  }

  /** The send returned: the message reached WhatsApp. Counts toward the day's cap. */
  ackSent(messageId: number, now: number, capKey?: { sessionName: string; day: string }): void {
    inTransaction(this.repos.db, () => {
      this.repos.messages.statements.markSent.run(now, messageId);
      if (capKey) this.repos.sendDays.increment(capKey.sessionName, capKey.day);
    });
  }

  /** A failure that may pass: back to pending after a backoff, or failed when retries are spent. */
  failTransient(message: Pick<ClaimedMessage, 'id' | 'attempt'>, error: string, now: number): FailureOutcome {
    return inTransaction(this.repos.db, () => {
      if (message.attempt > this.retry.maxRetries) {
        this.repos.messages.statements.markFailed.run(`${error} (gave up after ${message.attempt} attempts)`, message.id);
        return { state: 'failed' } as const;
      }
      const nextAttemptAt = now + backoffDelay(message.attempt, this.retry, this.random);
      this.repos.messages.statements.retryLater.run(nextAttemptAt, error, message.id);
      return { state: 'pending', nextAttemptAt } as const;
    });
  }

  failPermanent(messageId: number, error: string): void {
    inTransaction(this.repos.db, () => this.repos.messages.statements.markFailed.run(error, messageId));
  }

  /** The link dropped before the send went out: back to pending without costing an attempt. */
  release(messageId: number): void {
    inTransaction(this.repos.db, () => this.repos.messages.statements.release.run(messageId));
  }

  /** At start: sends interrupted by a crash become `unknown`, never resent blindly. */
  recoverInterrupted(): number {
    return inTransaction(this.repos.db, () => this.repos.messages.markInterruptedUnknown());
  }

  requeueUnknown(runId: number): number {
    return inTransaction(this.repos.db, () => this.repos.messages.requeueUnknown(runId));
  }

  /**
   * Applies a delivery receipt matched by WhatsApp message id. Receipts only move
   * a message forward (a late "delivered" never undoes "read"); a receipt for an
   * `unknown` message settles it, since it proves the send happened.
   */
  applyReceipt(waMessageId: string, status: ReceiptStatus, at: number, error?: string): ReceiptOutcome | undefined {
    return inTransaction(this.repos.db, () => {
      const message = this.repos.messages.byWaMessageId(waMessageId);
      if (!message) return undefined;
      const from = message.state;
      if (status === 'failed') {
        if (from === 'failed' || from === 'read' || from === 'delivered' || from === 'skipped') return undefined;
        this.repos.messages.statements.markFailed.run(error ?? 'WhatsApp reported an error', message.id);
        return { messageId: message.id, runId: message.runId, from, to: 'failed' };
      }
      const currentRank = RECEIPT_RANK[from];
      const newRank = RECEIPT_RANK[status];
      if (currentRank === undefined || newRank === undefined || newRank <= currentRank) return undefined;
      this.repos.messages.setReceipt(message.id, status, at);
      return { messageId: message.id, runId: message.runId, from, to: status };
    });
  }
}
