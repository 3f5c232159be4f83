import type { Db } from '../connection.js';
import type { Statement } from 'better-sqlite3';
import { statementCache } from '../statement-cache.js';
import type { MessageState } from '../../queue/message-state.js';
import { DERIVED_WA_MESSAGE_ID, WA_ID_KEY_NAME, WaMessageIds, newWaIdKey, storedWaMessageIds } from '../../queue/message-id.js';

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
      // Read in the order of messages_waiting (run, due time, id); messages being sent
      // are due at -1 and left out by the range. The `+` keeps SQLite reading the
      // state from the row, not sorting the run's pending messages to find the first.
      nextDue: db.prepare(
        `SELECT m.id, m.run_id AS runId, m.contact_id AS contactId, m.phone, m.wa_message_id AS waMessageId,
                m.attempts, m.body, c.name AS contactName, c.fields_json AS fieldsJson, c.wa_jid AS waJid
         FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
         WHERE m.run_id = ? AND m.state IN ('pending', 'sending') AND +m.state = 'pending'
           AND m.next_attempt_at >= 0 AND m.next_attempt_at <= ?
         ORDER BY m.next_attempt_at, m.id LIMIT 1`,
      ),
      // The claim of a message already peeked (back to back): by primary key, not a second nextDue.
      candidateById: db.prepare(
        `SELECT m.id, m.run_id AS runId, m.contact_id AS contactId, m.phone, m.wa_message_id AS waMessageId,
                m.attempts, m.body, c.name AS contactName, c.fields_json AS fieldsJson, c.wa_jid AS waJid,
                EXISTS (SELECT 1 FROM optouts o WHERE o.phone = m.phone) AS optedOut
         FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id
         WHERE m.id = ? AND m.state = 'pending' AND m.next_attempt_at <= ?`,
      ),
      earliestPending: db.prepare(
        `SELECT MIN(next_attempt_at) AS at FROM messages
         WHERE run_id = ? AND state IN ('pending', 'sending') AND +state = 'pending' AND next_attempt_at >= 0`,
      ),
      // Due at -1 while being sent: the index entry stays beside the run's due ones (see migration 021).
      markSending: db.prepare(
        `UPDATE messages SET state = 'sending', next_attempt_at = -1, attempts = attempts + 1, sending_at = ?, body = ?, variant = COALESCE(?, variant)
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
        `UPDATE messages SET state = 'pending', next_attempt_at = 0, attempts = MAX(attempts - 1, 0) WHERE id = ? AND state = 'sending'`,
      ),
      markFailed: db.prepare(
        `UPDATE messages SET state = 'failed', error = ? WHERE id = ? AND state IN ('pending', 'sending', 'sent', 'unknown')`,
      ),
      // Messages sent before migration 021 keep the id they went out with; `<> ''` matches that partial index.
      bySentWaId: db.prepare(`SELECT ${COLUMNS} FROM messages m WHERE m.wa_message_id = ? AND m.wa_message_id <> '' AND m.attempts > 0`),
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
         VALUES (?, ?, ?, '', 'pending', 0, ?)`,
      ),
    };
  }

  private ids: WaMessageIds | undefined;

  /** The installation's WhatsApp-id permutation (its key is written by migration 021; made here only if it is missing). */
  get waIds(): WaMessageIds {
    if (this.ids) return this.ids;
    const read = (name: string) => (this.db.prepare('SELECT value FROM app_state WHERE key = ?').get(name) as { value: string } | undefined)?.value;
    if (read(WA_ID_KEY_NAME) === undefined) {
      this.db.prepare('INSERT INTO app_state (key, value, updated_at) VALUES (?, ?, 0) ON CONFLICT (key) DO NOTHING').run(WA_ID_KEY_NAME, newWaIdKey());
    }
    this.ids = storedWaMessageIds(read)!;
    return this.ids;
  }

  /** The WhatsApp id a row goes out with: its own (sent before migration 021) or the one derived from its row id. */
  waIdOf(row: { id: number; waMessageId: string }): string {
    return row.waMessageId === DERIVED_WA_MESSAGE_ID ? this.waIds.forRow(row.id) : row.waMessageId;
  }

  private withWaId<T extends { id: number; waMessageId: string } | undefined>(row: T): T {
    if (row && row.waMessageId === DERIVED_WA_MESSAGE_ID) row.waMessageId = this.waIds.forRow(row.id);
    return row;
  }

  get(id: number): QueuedMessage | undefined {
    return this.withWaId(this.statements.byId.get(id) as QueuedMessage | undefined);
  }

  /** The next due pending message of a run, its WhatsApp id filled in. */
  nextDue(runId: number, now: number): ClaimCandidate | undefined {
    return this.withWaId(this.statements.nextDue.get(runId, now) as ClaimCandidate | undefined);
  }

  /** A message peeked earlier, if it is still pending and due; whether its number opted out since is read with it. */
  candidate(id: number, now: number): (ClaimCandidate & { optedOut: 0 | 1 }) | undefined {
    return this.withWaId(this.statements.candidateById.get(id, now) as (ClaimCandidate & { optedOut: 0 | 1 }) | undefined);
  }

  /**
   * The message sent (at least once) under this WhatsApp id: decoded to its row
   * and read by primary key, or, for one sent before migration 021, found by
   * the id it went out with. A message never handed to a send has no receipts to match.
   */
  byWaMessageId(waMessageId: string): QueuedMessage | undefined {
    for (const rowId of this.waIds.rowsOf(waMessageId)) {
      const row = this.statements.byId.get(rowId) as QueuedMessage | undefined;
      if (row && row.waMessageId === DERIVED_WA_MESSAGE_ID && row.attempts > 0) return this.withWaId(row);
    }
    return this.statements.bySentWaId.get(waMessageId) as QueuedMessage | undefined;
  }

  setReceipt(id: number, state: 'sent' | 'delivered' | 'read', at: number): void {
    this.statements.receipt.run({ id, state, at });
  }

  /** Messages left `sending` by a process that died: their fate is unknown. Found by seeking due time -1 in each run, never by a scan. */
  markInterruptedUnknown(): number {
    return this.sql(
        `UPDATE messages SET state = 'unknown', error = 'the process stopped while this message was being sent'
         WHERE id IN (
           SELECT m.id FROM campaign_runs r CROSS JOIN messages m
           WHERE m.run_id = r.id AND m.state IN ('pending', 'sending') AND m.next_attempt_at < 0 AND +m.state = 'sending'
           UNION ALL
           SELECT id FROM messages
           WHERE run_id IS NULL AND state IN ('pending', 'sending') AND next_attempt_at < 0 AND +state = 'sending')`,
      )
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

  /** Every message of the run, read as iterated: the connection refuses every other statement until the iteration ends, so never await while it is open (pageOfRun is for that). */
  *ofRun(runId: number): IterableIterator<QueuedMessage & { contactName: string | null; variant: number | null }> {
    const rows = this.sql(
        `SELECT ${COLUMNS}, c.name AS contactName, m.variant AS variant
         FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id WHERE m.run_id = ? ORDER BY m.id`,
      )
      .iterate(runId) as IterableIterator<QueuedMessage & { contactName: string | null; variant: number | null }>;
    for (const row of rows) yield this.withWaId(row);
  }

  /** Where a run's pages start (its messages are enqueued in id order); 1 for a run with none. */
  firstIdOfRun(runId: number): number {
    return (this.sql('SELECT MIN(id) AS id FROM messages WHERE run_id = ?').get(runId) as { id: number | null }).id ?? 1;
  }

  /**
   * Up to `limit` of the run's messages after id `afterId`, in id order: a
   * long reader (a report written to a file) takes them page by page, so no
   * statement stays open on the connection between pages to refuse writes.
   * It walks the primary key from `afterId` (NOT INDEXED): through the run's
   * index every page would sort the whole run again.
   */
  pageOfRun(runId: number, afterId: number, limit: number): Array<QueuedMessage & { contactName: string | null; variant: number | null }> {
    const rows = this.sql(
        `SELECT ${COLUMNS}, c.name AS contactName, m.variant AS variant
         FROM messages m NOT INDEXED LEFT JOIN contacts c ON c.id = m.contact_id WHERE m.run_id = ? AND m.id > ? ORDER BY m.id LIMIT ?`,
      )
      .all(runId, afterId, limit) as Array<QueuedMessage & { contactName: string | null; variant: number | null }>;
    return rows.map((row) => this.withWaId(row));
  }
}
