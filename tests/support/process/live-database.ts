import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { storedWaMessageIds } from '../../../src/queue/message-id.js';

export interface InFlight {
  waMessageId: string;
  /** When the message was claimed for sending (epoch ms, the app's clock). */
  sendingAt: number;
}

/**
 * A read-only look at the app's database while the app runs. WAL lets this
 * reader see committed state without ever blocking the app's writes.
 */
export class LiveDatabase {
  private db: Database.Database | undefined;

  constructor(readonly path: string) {}

  /** The message currently claimed for sending, if any. */
  inFlight(): InFlight | undefined {
    if (!this.db) {
      if (!existsSync(this.path)) return undefined;
      this.db = new Database(this.path, { readonly: true, fileMustExist: true });
    }
    const row = this.db
      .prepare(`SELECT id, wa_message_id AS waMessageId, sending_at AS sendingAt FROM messages WHERE state = 'sending' ORDER BY id DESC LIMIT 1`)
      .get() as (InFlight & { id: number }) | undefined;
    if (!row) return undefined;
    // Since migration 021 a message's WhatsApp id is derived from its row id ('' stored).
    if (row.waMessageId === '') {
      const state = this.db.prepare('SELECT value FROM app_state WHERE key = ?');
      row.waMessageId = storedWaMessageIds((name) => (state.get(name) as { value: string } | undefined)?.value)!.forRow(row.id);
    }
    return { waMessageId: row.waMessageId, sendingAt: row.sendingAt };
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}
