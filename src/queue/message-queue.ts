import { inTransaction } from '../db/connection.js';
import type { Repositories } from '../db/repositories.js';
import type { ClaimCandidate } from '../db/repos/messages-repo.js';
import type { Random } from '../core/random.js';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import type { MessageState } from './message-state.js';
import { applyReceiptIn } from './receipt-apply.js';
import type { Receipt } from './receipt-batcher.js';

/** A message chosen to go next, its body rendered; nothing about it is written yet. */
export interface PickedMessage {
  candidate: ClaimCandidate;
  body: string;
  /** The template variant the body was rendered with; null without variations (or for a stored body, whose variant is stored too). */
  variant?: number | null;
}

/** A rendered body, with the template variant it took when the template has variations. */
export type Rendered = string | { body: string; variant: number | null };

/** A message marked `sending`: from here its fate is recorded, or unknown. */
export interface ClaimedMessage {
  id: number;
  runId: number | null;
  phone: string;
  waMessageId: string;
  attempt: number;
  body: string;
  /** Where WhatsApp said the number's account is; null: the number's own JID. */
  waJid: string | null;
}

export interface RetryPolicy extends BackoffPolicy {
  maxRetries: number;
}

export type CapKey = { sessionName: string; day: string };

/** The claim that may ride on an ack's commit (see ackSentAndClaimNext). */
export interface FollowingClaim {
  runIds: number[];
  now: number;
  render: (candidate: ClaimCandidate) => Rendered;
  /** Asked inside the transaction, after the ack is written: may this candidate go now? */
  accept: (candidate: ClaimCandidate) => boolean;
  /** The message peeked before the send: claimed by its id, so the due-order search is not run a second time. */
  expectedId?: number;
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
 * The durable message queue. Every transition commits in an IMMEDIATE
 * transaction (an ack and the next claim may share one) in which the run
 * counters move too (triggers), so progress never drifts from the messages and
 * a crash leaves either the old state or the new one.
 */
export class MessageQueue {
  // The per-message transactions are built once: wrapping a function in a
  // transaction costs about as much as the statements of a claim.
  private readonly startTransaction;
  private readonly ackTransaction;
  private readonly ackAndClaimTransaction;
  private readonly followingClaim;
  private readonly receiptsTransaction;

  constructor(
    private readonly repos: Repositories,
    private readonly retry: RetryPolicy,
    private readonly random: Random,
  ) {
    const { db } = repos;
    this.startTransaction = db.transaction((picked: PickedMessage, now: number) => this.markSending(picked, now));
    this.ackTransaction = db.transaction((messageId: number, now: number, capKey: CapKey | undefined) => this.recordSent(messageId, now, capKey));
    // Run inside ackAndClaimTransaction, so it is a savepoint of it.
    this.followingClaim = db.transaction((next: FollowingClaim) => this.claimIn(next.runIds, next.now, next.render, next.accept));
    this.receiptsTransaction = db.transaction((receipts: readonly Receipt[]) => receipts.map((receipt) => applyReceiptIn(repos, receipt)));
    this.ackAndClaimTransaction = db.transaction((messageId: number, now: number, capKey: CapKey | undefined, next: FollowingClaim) => {
      this.recordSent(messageId, now, capKey);
      try {
        // A peeked claim writes one statement (its mark, or its skip), which SQLite undoes alone when it fails: no savepoint needed.
        return next.expectedId === undefined ? this.followingClaim(next) : this.claimPeeked(next.expectedId, next);
      } catch {
        return undefined;
      }
    });
  }

  /**
   * The next due message of the first run in `runIds` that has one, with its
   * body rendered (a body stored earlier, a resend's, is kept so the resend is
   * identical). Nothing is written, so a crash before startSending leaves the
   * message pending: it never left, and is sent after the restart like any other.
   */
  pickNext(
    runIds: number[],
    now: number,
    render: (candidate: ClaimCandidate) => Rendered,
    accept?: (candidate: ClaimCandidate) => boolean,
  ): PickedMessage | undefined {
    return this.pickIn(runIds, now, render, accept, (candidate) => inTransaction(this.repos.db, () => this.skipOptedOut(candidate)));
  }

  /**
   * Marks a picked message `sending` with one more attempt, in one commit, just
   * before the transport call: from here a crash makes it `unknown`. Undefined
   * when it is no longer pending (skipped or stopped since it was picked).
   */
  startSending(picked: PickedMessage, now: number): ClaimedMessage | undefined {
    return this.startTransaction.immediate(picked, now);
  }

  /** The message claimNext would take now, without taking it. */
  peekNext(runIds: number[], now: number): ClaimCandidate | undefined {
    for (const runId of runIds) {
      const candidate = this.repos.messages.nextDue(runId, now);
      if (candidate) return candidate;
    }
    return undefined;
  }

  private pickIn(
    runIds: number[],
    now: number,
    render: (candidate: ClaimCandidate) => Rendered,
    accept: (candidate: ClaimCandidate) => boolean = () => true,
    skip: (candidate: ClaimCandidate) => void = (candidate) => this.skipOptedOut(candidate),
  ): PickedMessage | undefined {
    let candidate = this.peekNext(runIds, now);
    // A number that opted out after the run was enqueued is skipped when its turn comes.
    while (candidate && this.repos.optOuts.has(candidate.phone)) {
      skip(candidate);
      candidate = this.peekNext(runIds, now);
    }
    if (!candidate || !accept(candidate)) return undefined;
    return withBody(candidate, render);
  }

  private skipOptedOut(candidate: ClaimCandidate): void {
    this.repos.messages.statements.skipOptedOut.run(candidate.id);
  }

  private claimIn(
    runIds: number[],
    now: number,
    render: (candidate: ClaimCandidate) => Rendered,
    accept: (candidate: ClaimCandidate) => boolean,
  ): ClaimedMessage | undefined {
    const picked = this.pickIn(runIds, now, render, accept);
    return picked && this.markSending(picked, now);
  }

  /** The WhatsApp id is the row's own (derived from its row id, see message-id.ts), so marking it takes one update. */
  private markSending({ candidate, body, variant = null }: PickedMessage, now: number): ClaimedMessage | undefined {
    const changes = this.repos.messages.statements.markSending.run(now, body, variant, candidate.id).changes;
    if (changes === 0) return undefined;
    return {
      id: candidate.id,
      runId: candidate.runId,
      phone: candidate.phone,
      waMessageId: candidate.waMessageId,
      attempt: candidate.attempts + 1,
      body,
      waJid: candidate.waJid,
    };
  }

  /**
   * The claim of a message peeked before: read by primary key. One that opted
   * out since is skipped, and nothing is claimed (the regular pick finds the next).
   */
  private claimPeeked(id: number, next: FollowingClaim): ClaimedMessage | undefined {
    const candidate = this.repos.messages.candidate(id, next.now);
    if (!candidate) return undefined;
    if (candidate.optedOut) {
      this.skipOptedOut(candidate);
      return undefined;
    }
    if (!next.accept(candidate)) return undefined;
    return this.markSending(withBody(candidate, next.render), next.now);
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
      const result = this.repos.messages.statements.insertOne.run(null, null, phone, body);
      const id = Number(result.lastInsertRowid);
      this.repos.messages.statements.markSending.run(now, body, null, id);
      const waMessageId = this.repos.messages.waIds.forRow(id);
      return { id, runId: null, phone, waMessageId, attempt: 1, body, waJid: null };
    });
  }

  /** The send returned: the message reached WhatsApp. Counts toward the day's cap. */
  ackSent(messageId: number, now: number, capKey?: CapKey): void {
    this.ackTransaction.immediate(messageId, now, capKey);
  }

  /**
   * ackSent, and in the same commit the claim of the next message, for sends
   * that follow each other with no gap: one fsync per message instead of two,
   * and each transition still durable before the next step. The ack never
   * depends on the claim: a claim that is refused or fails rolls back to its
   * savepoint and the ack commits alone (the next regular claim meets the same
   * error and reports it).
   */
  ackSentAndClaimNext(messageId: number, now: number, capKey: CapKey | undefined, next: FollowingClaim): ClaimedMessage | undefined {
    return this.ackAndClaimTransaction.immediate(messageId, now, capKey, next);
  }

  private recordSent(messageId: number, now: number, capKey: CapKey | undefined): void {
    this.repos.messages.statements.markSent.run(now, messageId);
    if (capKey) this.repos.sendDays.increment(capKey.sessionName, capKey.day);
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

  /**
   * The send went out (or may have) but its outcome cannot be saved: `unknown`,
   * as a restart would make it, so its run can complete and it is never resent
   * on its own.
   */
  markUnknown(messageId: number, reason: string): void {
    inTransaction(this.repos.db, () => this.repos.messages.statements.markUnknown.run(reason, messageId));
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

  /** Applies one delivery receipt in its own commit (see receipt-apply.ts for the rules). */
  applyReceipt(waMessageId: string, status: ReceiptStatus, at: number, error?: string): ReceiptOutcome | undefined {
    return this.applyReceipts([{ waMessageId, status, at, ...(error === undefined ? {} : { error }) }])[0];
  }

  /** Receipts in one commit, in order (see ReceiptBatcher); one outcome per receipt, undefined when it changed nothing. */
  applyReceipts(receipts: readonly Receipt[]): (ReceiptOutcome | undefined)[] {
    return this.receiptsTransaction.immediate(receipts);
  }
}

/** A stored body (a resend's) is kept so the resend is identical; otherwise the template renders one, with its variant. */
function withBody(candidate: ClaimCandidate, render: (candidate: ClaimCandidate) => Rendered): PickedMessage {
  if (candidate.body !== null) return { candidate, body: candidate.body };
  const rendered = render(candidate);
  return typeof rendered === 'string' ? { candidate, body: rendered } : { candidate, body: rendered.body, variant: rendered.variant };
}
