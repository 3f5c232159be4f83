import type { Db } from '../connection.js';

/** Replies and opt-outs from recipients, tied to the message they answer. */
export class InboundRepo {
  constructor(private readonly db: Db) {}

  /** True the first time an inbound message id is seen. */
  firstSighting(waMessageId: string, at: number): boolean {
    return this.db.prepare('INSERT INTO inbound_seen (wa_message_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(waMessageId, at).changes > 0;
  }

  /** The latest campaign message that reached this phone. */
  latestSentTo(phone: string): { id: number; runId: number; repliedAt: number | null } | undefined {
    return this.db
      .prepare(
        `SELECT id, run_id AS runId, replied_at AS repliedAt FROM messages
         WHERE phone = ? AND run_id IS NOT NULL AND state IN ('sent', 'delivered', 'read', 'unknown')
         ORDER BY id DESC LIMIT 1`,
      )
      .get(phone) as { id: number; runId: number; repliedAt: number | null } | undefined;
  }

  /** Counts the first reply to a message on its run. */
  recordReply(messageId: number, runId: number, at: number): void {
    this.db.transaction(() => {
      const changed = this.db.prepare('UPDATE messages SET replied_at = ? WHERE id = ? AND replied_at IS NULL').run(at, messageId).changes;
      if (changed > 0) this.db.prepare('UPDATE campaign_runs SET replies = replies + 1 WHERE id = ?').run(runId);
    }).immediate();
  }

  /** An opt-out: count it on the run it answers and skip whatever is still queued for that phone. */
  recordOptOut(phone: string, runId: number | null): number {
    return this.db.transaction(() => {
      if (runId !== null) this.db.prepare('UPDATE campaign_runs SET opt_outs = opt_outs + 1 WHERE id = ?').run(runId);
      return this.db.prepare(`UPDATE messages SET state = 'skipped', error = 'opted out' WHERE phone = ? AND state = 'pending'`).run(phone).changes;
    }).immediate();
  }

  repliesOf(runId: number): { replies: number; optOuts: number } {
    const row = this.db.prepare('SELECT replies, opt_outs AS optOuts FROM campaign_runs WHERE id = ?').get(runId) as
      | { replies: number; optOuts: number }
      | undefined;
    return row ?? { replies: 0, optOuts: 0 };
  }
}
