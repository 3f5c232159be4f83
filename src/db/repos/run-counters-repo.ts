import type { Db } from '../connection.js';
import type { Statement } from 'better-sqlite3';
import { statementCache } from '../statement-cache.js';
import { MESSAGE_STATES, type MessageState } from '../../queue/message-state.js';

export type RunCounts = Record<MessageState, number>;

export function emptyCounts(): RunCounts {
  return Object.fromEntries(MESSAGE_STATES.map((s) => [s, 0])) as RunCounts;
}

/** Per-run message counts by state, kept by triggers on `messages`: reading them is O(1). */
export class RunCountersRepo {
  private readonly sql: (text: string) => Statement;

  private readonly forRunStatement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
    this.forRunStatement = db.prepare('SELECT state, count FROM run_counters WHERE run_id = ?');
  }

  forRun(runId: number): RunCounts {
    const counts = emptyCounts();
    for (const row of this.forRunStatement.all(runId) as { state: MessageState; count: number }[]) counts[row.state] = row.count;
    return counts;
  }

  /** The same figures recomputed from `messages`, for checks that the counters never drift. */
  recount(runId: number): RunCounts {
    const counts = emptyCounts();
    const rows = this.sql('SELECT state, COUNT(*) AS count FROM messages WHERE run_id = ? GROUP BY state').all(runId) as {
      state: MessageState;
      count: number;
    }[];
    for (const row of rows) counts[row.state] = row.count;
    return counts;
  }
}
