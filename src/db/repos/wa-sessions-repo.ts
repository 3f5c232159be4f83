import type { Db } from '../connection.js';

export interface WaSession {
  name: string;
  phone: string | null;
  linkState: string;
  linkedAt: number | null;
  createdAt: number;
}

export class WaSessionsRepo {
  constructor(private readonly db: Db) {}

  ensure(name: string, at: number): WaSession {
    this.db.prepare('INSERT INTO wa_sessions (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(name, at);
    return this.get(name)!;
  }

  get(name: string): WaSession | undefined {
    return this.db
      .prepare('SELECT name, phone, link_state AS linkState, linked_at AS linkedAt, created_at AS createdAt FROM wa_sessions WHERE name = ?')
      .get(name) as WaSession | undefined;
  }

  list(): WaSession[] {
    return this.db
      .prepare('SELECT name, phone, link_state AS linkState, linked_at AS linkedAt, created_at AS createdAt FROM wa_sessions ORDER BY name')
      .all() as WaSession[];
  }

  /** Records the link state; the first time a number links, remembers when (for warm-up). */
  setLinkState(name: string, linkState: string, phone: string | null, at: number): void {
    this.db
      .prepare(
        `UPDATE wa_sessions SET link_state = ?, phone = COALESCE(?, phone),
           linked_at = CASE WHEN ? = 'open' AND linked_at IS NULL THEN ? ELSE linked_at END
         WHERE name = ?`,
      )
      .run(linkState, phone, linkState, at, name);
  }
}
