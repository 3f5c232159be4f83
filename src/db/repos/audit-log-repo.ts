import type { Db } from '../connection.js';
import type { Statement } from 'better-sqlite3';
import { statementCache } from '../statement-cache.js';

export interface AuditEntry {
  at: number;
  frontEnd: string;
  actorId: string;
  actorName?: string | undefined;
  chatId?: string | undefined;
  command: string;
  arguments?: string | undefined;
  /**
   * ok: done (detail says if an answer could not be shown); refused: not an
   * operator; usage / error: not done, and why; asked: an irreversible command
   * waits for its Confirm button; declined: Cancel was pressed on that question;
   * skipped: it arrived too late to run (zapcast was down).
   */
  outcome: 'ok' | 'refused' | 'usage' | 'error' | 'asked' | 'declined' | 'skipped';
  detail?: string | undefined;
}

export class AuditLogRepo {
  private readonly sql: (text: string) => Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  write(entry: AuditEntry): void {
    this.sql(
        `INSERT INTO audit_log (at, front_end, actor_id, actor_name, chat_id, command, arguments, outcome, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.at,
        entry.frontEnd,
        entry.actorId,
        entry.actorName ?? null,
        entry.chatId ?? null,
        entry.command,
        entry.arguments ?? null,
        entry.outcome,
        entry.detail ?? null,
      );
  }

  recent(limit = 50): (AuditEntry & { id: number })[] {
    return this.sql(
        `SELECT id, at, front_end AS frontEnd, actor_id AS actorId, actor_name AS actorName, chat_id AS chatId,
                command, arguments, outcome, detail FROM audit_log ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as (AuditEntry & { id: number })[];
  }
}
