import type { Db } from '../connection.js';

export interface OptOut {
  phone: string;
  reason: string;
  source: string | null;
  createdAt: number;
}

/** The suppression list: honoured by every campaign on every number. */
export class OptOutsRepo {
  constructor(private readonly db: Db) {}

  add(phone: string, reason: string, source: string | null, at: number): boolean {
    const result = this.db
      .prepare('INSERT INTO optouts (phone, reason, source, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (phone) DO NOTHING')
      .run(phone, reason, source, at);
    return result.changes > 0;
  }

  has(phone: string): boolean {
    return this.db.prepare('SELECT 1 FROM optouts WHERE phone = ?').get(phone) !== undefined;
  }

  remove(phone: string): boolean {
    return this.db.prepare('DELETE FROM optouts WHERE phone = ?').run(phone).changes > 0;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM optouts').get() as { n: number }).n;
  }

  list(limit = 100): OptOut[] {
    return this.db
      .prepare('SELECT phone, reason, source, created_at AS createdAt FROM optouts ORDER BY created_at DESC LIMIT ?')
      .all(limit) as OptOut[];
  }
}
