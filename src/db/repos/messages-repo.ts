import type { Db } from '../connection.js';
import type { Statement } from 'better-sqlite3';
import { statementCache } from '../statement-cache.js';
import type { MessageState } from '../../queue/message-state.js';

export interface QueuedMessage {
  id: number;
  runId: number | null;
  contactId: number | null;
  phone: string;
  waMessageId: string;
  state: MessageState;
  attempts: number;
  nextAttemptAt: number;
  body: string | null;
  error: string | null;
  sendingAt: number | null;
  sentAt: number | null;
  deliveredAt: number | null;
  readAt: number | null;
}

export interface ClaimCandidate {
  id: number;
  runId: number;
  contactId: number | null;
  phone: string;
  waMessageId: string;
  attempts: number;
  body: string | null;
  contactName: string | null;
  fieldsJson: string | null;
  /** The JID WhatsApp answered the contact's check with; null when none is known. */
  waJid: string | null;
}

const COLUMNS = `m.id AS id, m.run_id AS runId, m.contact_id AS contactId, m.phone AS phone,
  m.wa_message_id AS waMessageId, m.state AS state, m.attempts AS attempts, m.next_attempt_at AS nextAttemptAt,
  m.body AS body, m.error AS error, m.sending_at AS sendingAt, m.sent_at AS sentAt,
  m.delivered_at AS deliveredAt, m.read_at AS readAt`;

/** SQL for the `messages` table. Callers own the transactions (see queue/). */
export class MessagesRepo {
  private readonly sql: (text: string) => Statement;

  readonly statements;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
    this.statements = {
      nextDue: db.prepare(
        `SELECT m.id, m.run_id AS runId, m.contact_id AS contactId, m.phone, m.wa_message_id AS waMessageId,
                m.attempts, m.body, c.name AS contactName, c.fields_json AS fieldsJson, c.wa_jid AS waJid
         FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
         WHERE m.run_id = ? AND m.state = 'pending' AND m.next_attempt_at <= ?
         ORDER BY m.next_attempt_at, m.id LIMIT 1`,
      ),
      earliestPending: db.prepare(
        `SELECT MIN(next_attempt_at) AS at FROM messages WHERE run_id = ? AND state = 'pending'`,
      ),
      markSending: db.prepare(
        `UPDATE messages SET state = 'sending', attempts = attempts + 1, sending_at = ?, body = ?, variant = COALESCE(?, variant)
         WHERE id = ? AND state = 'pending'`,
      ),
      markSent: db.prepare(
        `UPDATE messages SET state = 'sent', sent_at = ?, error = NULL WHERE id = ? AND state IN ('sending', 'unknown')`,
      ),
      retryLater: db.prepare(
        `UPDATE messages SET state = 'pending', next_attempt_at = ?, error = ? WHERE id = ? AND state = 'sending'`,
      ),
      markUnknown: db.prepare(`UPDATE messages SET state = 'unknown', error = ? WHERE id = ? AND state = 'sending'`),
      release: db.prepare(
        `UPDATE messages SET state = 'pending', attempts = MAX(attempts - 1, 0) WHERE id = ? AND state = 'sending'`,
      ),
      markFailed: db.prepare(
        `UPDATE messages SET state = 'failed', error = ? WHERE id = ? AND state IN ('pending', 'sending', 'sent', 'unknown')`,
      ),
      // `attempts > 0` matches the partial index: only a message handed to a send can get a receipt.
      byWaId: db.prepare(`SELECT ${COLUMNS} FROM messages m WHERE m.wa_message_id = ? AND m.attempts > 0`),
      replaceWaId: db.prepare(`UPDATE messages SET wa_message_id = ? WHERE id = ? AND attempts = 0`),
      byId: db.prepare(`SELECT ${COLUMNS} FROM messages m WHERE m.id = ?`),
      skipOptedOut: db.prepare(`UPDATE messages SET state = 'skipped', error = 'opted out' WHERE id = ? AND state = 'pending'`),
      // A read implies delivered and sent; fill the earlier times a lost receipt skipped.
      receipt: db.prepare(
        `UPDATE messages SET state = @state,
           sent_at = COALESCE(sent_at, @at),
           delivered_at = CASE WHEN @state IN ('delivered', 'read') THEN COALESCE(delivered_at, @at) ELSE delivered_at END,
           read_at = CASE WHEN @state = 'read' THEN COALESCE(read_at, @at) ELSE read_at END
         WHERE id = @id`,
      ),
      insertOne: db.prepare(
        `INSERT INTO messages (run_id, contact_id, phone, wa_message_id, state, next_attempt_at, body)
         VALUES (?, ?, ?, ?, 'pending', 0, ?)`,
      ),
    };
  }

  get(id: number): QueuedMessage | undefined {
    return this.statements.byId.get(id) as QueuedMessage | undefined;
  }

  /** The message sent (at least once) under this WhatsApp id; a message never handed to a send has no receipts to match. */
  byWaMessageId(waMessageId: string): QueuedMessage | undefined {
    return this.statements.byWaId.get(waMessageId) as QueuedMessage | undefined;
  }

  setReceipt(id: number, state: 'sent' | 'delivered' | 'read', at: number): void {
    this.statements.receipt.run({ id, state, at });
  }

  /** Messages left `sending` by a process that died: their fate is unknown. */
  markInterruptedUnknown(): number {
    return this.sql(`UPDATE messages SET state = 'unknown', error = 'the process stopped while this message was being sent' WHERE state = 'sending'`)
      .run().changes;
  }

  /**
   * Erases a person from the messages: their queued ones are skipped (never
   * sent), and every other keeps its outcome and times for the counts and
   * reports but loses the text, the number and the link to the contact.
   * A message being sent right now is left to finish. Returns the messages erased.
   */
  erasePhone(phone: string, marker: string): number {
    this.sql(`UPDATE messages SET state = 'skipped', error = 'erased at the person''s request' WHERE phone = ? AND state = 'pending'`).run(phone);
    return this.sql(`UPDATE messages SET phone = ?, body = NULL, contact_id = NULL WHERE phone = ? AND state <> 'sending'`).run(marker, phone).changes;
  }

  requeueUnknown(runId: number): number {
    return this.sql(`UPDATE messages SET state = 'pending', next_attempt_at = 0, error = NULL WHERE run_id = ? AND state = 'unknown'`)
      .run(runId).changes;
  }

  ofRun(runId: number): IterableIterator<QueuedMessage & { contactName: string | null; variant: number | null }> {
    return this.sql(
        `SELECT ${COLUMNS}, c.name AS contactName, m.variant AS variant
         FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id WHERE m.run_id = ? ORDER BY m.id`,
      )
      .iterate(runId) as IterableIterator<QueuedMessage & { contactName: string | null; variant: number | null }>;
  }
}
