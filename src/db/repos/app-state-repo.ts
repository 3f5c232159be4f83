import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection.js';
import { statementCache } from '../statement-cache.js';

/** Named values kept across restarts. */
export class AppStateRepo {
  private readonly sql: (text: string) => Statement;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  get(key: string): string | undefined {
    return (this.sql('SELECT value FROM app_state WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  set(key: string, value: string, now: number): void {
    this.sql('INSERT INTO app_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(key, value, now);
  }
}
