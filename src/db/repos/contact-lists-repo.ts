import type { Db } from '../connection.js';
import type { Statement } from 'better-sqlite3';
import { statementCache } from '../statement-cache.js';

export interface ContactList {
  id: number;
  name: string;
  sourceFile: string | null;
  contactCount: number;
  reportJson: string | null;
  status: 'importing' | 'ready';
  createdBy: string | null;
  createdAt: number;
}

const COLUMNS = `id, name, source_file AS sourceFile, contact_count AS contactCount,
  report_json AS reportJson, status, created_by AS createdBy, created_at AS createdAt`;

export class ContactListsRepo {
  private readonly sql: (text: string) => Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  create(input: { name: string; sourceFile?: string; createdBy?: string; createdAt: number }): number {
    const result = this.sql('INSERT INTO contact_lists (name, source_file, created_by, created_at) VALUES (?, ?, ?, ?)')
      .run(input.name, input.sourceFile ?? null, input.createdBy ?? null, input.createdAt);
    return Number(result.lastInsertRowid);
  }

  get(id: number): ContactList | undefined {
    return this.sql(`SELECT ${COLUMNS} FROM contact_lists WHERE id = ? AND status = 'ready'`).get(id) as ContactList | undefined;
  }

  list(limit = 50): ContactList[] {
    return this.sql(`SELECT ${COLUMNS} FROM contact_lists WHERE status = 'ready' ORDER BY id DESC LIMIT ?`).all(limit) as ContactList[];
  }

  /** The most recent lists whose id starts with, or name contains, `typed` (autocomplete). */
  matching(typed: string, limit: number): ContactList[] {
    return this.sql(
      `SELECT ${COLUMNS} FROM contact_lists WHERE status = 'ready' AND (CAST(id AS TEXT) LIKE @typed || '%' OR instr(lower(name), lower(@typed)) > 0) ORDER BY id DESC LIMIT @limit`,
    ).all({ typed, limit }) as ContactList[];
  }

  finish(id: number, contactCount: number, reportJson: string): void {
    this.sql(`UPDATE contact_lists SET contact_count = ?, report_json = ?, status = 'ready' WHERE id = ?`)
      .run(contactCount, reportJson, id);
  }

  /** Drops a list whose import failed or was cut short, with its contacts. */
  discard(id: number): void {
    this.db.transaction(() => {
      this.sql('DELETE FROM contacts WHERE list_id = ?').run(id);
      this.sql('DELETE FROM contact_lists WHERE id = ?').run(id);
    }).immediate();
  }

  /**
   * An operator drops a list: its contacts are deleted. The list itself goes
   * too unless finished campaigns were made for it; then it stays, 'dropped'
   * and empty, so their reports still name it. Returns the contacts deleted.
   */
  drop(id: number, referenced: boolean): number {
    return this.db.transaction(() => {
      const deleted = this.sql('DELETE FROM contacts WHERE list_id = ?').run(id).changes;
      if (referenced) this.sql(`UPDATE contact_lists SET status = 'dropped', contact_count = 0 WHERE id = ?`).run(id);
      else this.sql('DELETE FROM contact_lists WHERE id = ?').run(id);
      return deleted;
    }).immediate();
  }

  /** Lists left half-imported by a crash; start-up discards them. */
  unfinished(): number[] {
    return (this.sql(`SELECT id FROM contact_lists WHERE status = 'importing'`).all() as { id: number }[]).map((r) => r.id);
  }
}
