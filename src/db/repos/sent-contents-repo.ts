import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection.js';
import { statementCache } from '../statement-cache.js';
import { SENT_CONTENT_KEEP_MS, type SentContentStore } from '../../whatsapp/sent-content-store.js';

/** The content of sent WhatsApp messages, kept for recipients' retry requests and then forgotten. */
export class SentContentsRepo implements SentContentStore {
  private readonly sql: (text: string) => Statement;
  private readonly saveTransaction;

  /** `keepMs`: how long a content is kept; RETENTION_DAYS may make it shorter, since a caption is personal text. */
  constructor(
    db: Db,
    private readonly keepMs = SENT_CONTENT_KEEP_MS,
  ) {
    this.sql = statementCache(db);
    // Expired contents go in the same commit as the new one: no extra write, and nothing piles up.
    this.saveTransaction = db.transaction((waMessageId: string, content: Uint8Array, at: number) => {
      this.sql('DELETE FROM sent_contents WHERE sent_at < ?').run(at - this.keepMs);
      this.sql('INSERT INTO sent_contents (wa_message_id, content, sent_at) VALUES (?, ?, ?) ON CONFLICT (wa_message_id) DO UPDATE SET content = excluded.content, sent_at = excluded.sent_at')
        .run(waMessageId, Buffer.from(content), at);
    });
  }

  save(waMessageId: string, content: Uint8Array, at: number): void {
    this.saveTransaction.immediate(waMessageId, content, at);
  }

  load(waMessageId: string): Uint8Array | undefined {
    const row = this.sql('SELECT content FROM sent_contents WHERE wa_message_id = ?').get(waMessageId) as { content: Buffer } | undefined;
    return row?.content;
  }
}
