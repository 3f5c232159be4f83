import type { Db } from '../connection.js';
import type { Statement } from 'better-sqlite3';
import { statementCache } from '../statement-cache.js';

/** Replies and opt-outs from recipients, tied to the message they answer. */
export class InboundRepo {
  private readonly sql: (text: string) => Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** True the first time an inbound message id is seen. */
  firstSighting(waMessageId: string, at: number): boolean {
    return this.sql('INSERT INTO inbound_seen (wa_message_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(waMessageId, at).changes > 0;
  }

  /**
   * The latest campaign message that reached any of these phones (the numbers
   * one WhatsApp account answered as). Found through the contact: the phone's
   * contacts (one probe of each list's (list, phone) index), then each run's
   * message to them (the (run, contact) index), so no index of phones is
   * written with every message sent. The join order is fixed: without table
   * statistics SQLite would rather scan the messages.
   */
  latestSentTo(...phones: string[]): { id: number; runId: number; repliedAt: number | null } | undefined {
    let latest: { id: number; runId: number; repliedAt: number | null } | undefined;
    for (const phone of new Set(phones)) {
      const found = this.sql(
          `SELECT m.id, m.run_id AS runId, m.replied_at AS repliedAt
           FROM contact_lists l
           CROSS JOIN contacts c ON c.list_id = l.id AND c.phone = ?
           CROSS JOIN campaign_runs r
           CROSS JOIN messages m INDEXED BY messages_by_run ON m.run_id = r.id AND m.contact_id = c.id
           WHERE m.attempts > 0 AND m.state IN ('sent', 'delivered', 'read', 'unknown')
           ORDER BY m.id DESC LIMIT 1`,
        )
        .get(phone) as { id: number; runId: number; repliedAt: number | null } | undefined;
      if (found && (!latest || found.id > latest.id)) latest = found;
    }
    return latest;
  }

  /** Counts the first reply to a message on its run. */
  recordReply(messageId: number, runId: number, at: number): void {
    this.db.transaction(() => {
      const changed = this.sql('UPDATE messages SET replied_at = ? WHERE id = ? AND replied_at IS NULL').run(at, messageId).changes;
      if (changed > 0) this.sql('UPDATE campaign_runs SET replies = replies + 1 WHERE id = ?').run(runId);
    }).immediate();
  }

  /** An opt-out answering a run's message counts on that run; queued messages to the number are skipped at claim. */
  recordOptOut(runId: number): void {
    this.sql('UPDATE campaign_runs SET opt_outs = opt_outs + 1 WHERE id = ?').run(runId);
  }

  repliesOf(runId: number): { replies: number; optOuts: number } {
    const row = this.sql('SELECT replies, opt_outs AS optOuts FROM campaign_runs WHERE id = ?').get(runId) as
      | { replies: number; optOuts: number }
      | undefined;
    return row ?? { replies: 0, optOuts: 0 };
  }
}
