import type { Db } from '../connection.js';
import type { Statement } from 'better-sqlite3';
import { statementCache } from '../statement-cache.js';

export interface OptOut {
  phone: string;
  reason: string;
  source: string | null;
  createdAt: number;
}

/** The suppression list: honoured by every campaign on every number. */
export class OptOutsRepo {
  private readonly sql: (text: string) => Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  add(phone: string, reason: string, source: string | null, at: number): boolean {
    const result = this.sql('INSERT INTO optouts (phone, reason, source, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (phone) DO NOTHING')
      .run(phone, reason, source, at);
    return result.changes > 0;
  }

  has(phone: string): boolean {
    return this.sql('SELECT 1 FROM optouts WHERE phone = ?').get(phone) !== undefined;
  }

  remove(phone: string): boolean {
    return this.sql('DELETE FROM optouts WHERE phone = ?').run(phone).changes > 0;
  }

  count(): number {
    return (this.sql('SELECT COUNT(*) AS n FROM optouts').get() as { n: number }).n;
  }

  list(limit = 100): OptOut[] {
    return this.sql('SELECT phone, reason, source, created_at AS createdAt FROM optouts ORDER BY created_at DESC LIMIT ?')
      .all(limit) as OptOut[];
  }
}
