import type { Db } from '../connection.js';
import type { Statement } from 'better-sqlite3';
import { statementCache } from '../statement-cache.js';

export interface WaSession {
  name: string;
  phone: string | null;
  linkState: string;
  linkedAt: number | null;
  createdAt: number;
}

export class WaSessionsRepo {
  private readonly sql: (text: string) => Statement;
  private readonly paceFactors = new Map<string, number>();

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  ensure(name: string, at: number): WaSession {
    this.sql('INSERT INTO wa_sessions (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(name, at);
    return this.get(name)!;
  }

  get(name: string): WaSession | undefined {
    return this.sql('SELECT name, phone, link_state AS linkState, linked_at AS linkedAt, created_at AS createdAt FROM wa_sessions WHERE name = ?')
      .get(name) as WaSession | undefined;
  }

  list(): WaSession[] {
    return this.sql('SELECT name, phone, link_state AS linkState, linked_at AS linkedAt, created_at AS createdAt FROM wa_sessions ORDER BY name')
      .all() as WaSession[];
  }

  /** Read for every message; written only by setPaceFactor, which drops the entry (filled outside transactions only, as a rollback could undo it). */
  paceFactor(name: string): number {
    const cached = this.paceFactors.get(name);
    if (cached !== undefined) return cached;
    const row = this.sql('SELECT pace_factor AS factor FROM wa_sessions WHERE name = ?').get(name) as { factor: number } | undefined;
    const factor = row?.factor ?? 1;
    if (row && !this.db.inTransaction) this.paceFactors.set(name, factor);
    return factor;
  }

  setPaceFactor(name: string, factor: number): void {
    this.paceFactors.delete(name);
    this.sql('UPDATE wa_sessions SET pace_factor = ? WHERE name = ?').run(factor, name);
  }

  /** Records the link state; when a number first links (or another phone takes the session), remembers when, for warm-up. */
  setLinkState(name: string, linkState: string, phone: string | null, at: number): void {
    this.sql(
        `UPDATE wa_sessions SET link_state = ?, phone = COALESCE(?, phone),
           linked_at = CASE WHEN ? = 'open' AND (linked_at IS NULL OR (? IS NOT NULL AND phone IS NOT ?)) THEN ? ELSE linked_at END
         WHERE name = ?`,
      )
      .run(linkState, phone, linkState, phone, phone, at, name);
  }
}
