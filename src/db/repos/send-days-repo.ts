import type { Db } from '../connection.js';

/**
 * Messages sent per WhatsApp number per local day, for the daily cap. Kept in
 * run_counters under run 0 (no run has that id): the send's commit writes the
 * run counters' page anyway, and this count sits on it.
 */
export class SendDaysRepo {
  private readonly incrementStatement;
  private readonly getStatement;

  constructor(db: Db) {
    this.incrementStatement = db.prepare(
      `INSERT INTO run_counters (run_id, state, count) VALUES (0, 'sent-day ' || ? || ' ' || ?, 1)
       ON CONFLICT (run_id, state) DO UPDATE SET count = count + 1`,
    );
    this.getStatement = db.prepare(`SELECT count FROM run_counters WHERE run_id = 0 AND state = 'sent-day ' || ? || ' ' || ?`);
  }

  increment(sessionName: string, day: string): void {
    this.incrementStatement.run(sessionName, day);
  }

  sent(sessionName: string, day: string): number {
    const row = this.getStatement.get(sessionName, day) as { count: number } | undefined;
    return row?.count ?? 0;
  }
}
