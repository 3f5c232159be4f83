import { inTransaction } from '../db/connection.js';
import type { Repositories } from '../db/repositories.js';
import type { WaitingReply } from '../db/repos/inbox-repo.js';
import type { Pacing } from '../dispatch/pacing.js';
import type { ClaimedMessage } from '../queue/message-queue.js';
import { DERIVED_WA_MESSAGE_ID } from '../queue/message-id.js';

/**
 * Operators' answers on their way out of one WhatsApp number. Each is a
 * message outside any campaign (run_id NULL) with its own id and receipts;
 * the number's send loop takes them before campaign messages, at the same
 * pace, under the same daily cap and quiet hours, and not while the breaker
 * holds the number.
 */
export class ReplyLane {
  constructor(
    private readonly deps: {
      repos: Repositories;
      sessionName: string;
      /** The breaker's trip reason while it holds the number; null when it does not. */
      breakerHold: () => string | null;
      /** The number's own pacing (no campaign override applies to an answer). */
      pacing: () => Pacing;
    },
  ) {}

  get pacing(): Pacing {
    return this.deps.pacing();
  }

  /** Why nothing may go out now, or null. */
  held(): string | null {
    return this.deps.breakerHold();
  }

  /** Queues an answer; it is pending until the loop's turn for it. */
  enqueue(reply: { phone: string; replyJid: string; body: string; operator: string; at: number }): { id: number; waMessageId: string } {
    const { repos } = this.deps;
    return inTransaction(repos.db, () => {
      const id = Number(repos.messages.statements.insertOne.run(null, null, reply.phone, reply.body).lastInsertRowid);
      const waMessageId = repos.messages.waIds.forRow(id);
      repos.inbox.addReply({ messageId: id, sessionName: this.deps.sessionName, phone: reply.phone, replyJid: reply.replyJid, operator: reply.operator, at: reply.at });
      return { id, waMessageId };
    });
  }

  next(now: number): WaitingReply | undefined {
    return this.deps.repos.inbox.nextReply(this.deps.sessionName, now);
  }

  /** Marks it `sending`, right before the transport call; undefined when it is no longer pending. */
  startSending(reply: WaitingReply, now: number): ClaimedMessage | undefined {
    const { repos } = this.deps;
    const changed = inTransaction(repos.db, () => repos.messages.statements.markSending.run(now, reply.body, null, reply.id).changes);
    if (changed === 0) return undefined;
    return { id: reply.id, runId: null, phone: reply.phone, waMessageId: reply.waMessageId === DERIVED_WA_MESSAGE_ID ? repos.messages.waIds.forRow(reply.id) : reply.waMessageId, attempt: reply.attempts + 1, body: reply.body, waJid: reply.replyJid };
  }

  /** After an outcome was recorded: an answer that is no longer pending leaves the lane. */
  settle(messageId: number): void {
    const state = this.deps.repos.messages.get(messageId)?.state;
    if (state !== 'pending' && state !== 'sending') this.deps.repos.inbox.replyDone(messageId);
  }
}
