import type { Db } from '../connection.js';

/** Messages sent per WhatsApp number per local day, for the daily cap. */
export class SendDaysRepo {
  private readonly incrementStatement;
  private readonly getStatement;

  constructor(db: Db) {
    this.incrementStatement = db.prepare(
      `INSERT INTO send_days (session_name, day, sent) VALUES (?, ?, 1)
       ON CONFLICT (session_name, day) DO UPDATE SET sent = sent + 1`,
    );
    this.getStatement = db.prepare('SELECT sent FROM send_days WHERE session_name = ? AND day = ?');
  }

  increment(sessionName: string, day: string): void {
    this.incrementStatement.run(sessionName, day);
  }

  sent(sessionName: string, day: string): number {
    const row = this.getStatement.get(sessionName, day) as { sent: number } | undefined;
    return row?.sent ?? 0;
  }
}
