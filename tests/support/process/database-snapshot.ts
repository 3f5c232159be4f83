import Database from 'better-sqlite3';
import { storedWaMessageIds } from '../../../src/queue/message-id.js';

export interface MessageRow {
  id: number;
  runId: number | null;
  phone: string;
  waMessageId: string;
  state: string;
  attempts: number;
}

export interface CounterMismatch {
  runId: number;
  state: string;
  counter: number;
  counted: number;
}

export interface DatabaseSnapshot {
  messages: MessageRow[];
  runs: { id: number; campaignId: number; state: string }[];
  /** Every (run, state) where run_counters differs from a COUNT(*) over messages. */
  counterMismatches: CounterMismatch[];
}

/**
 * Reads the app's SQLite file read-only, after the process has exited, with
 * plain SQL so the check does not lean on the code it checks.
 */
export function readDatabase(path: string): DatabaseSnapshot {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const messages = db
      .prepare('SELECT id, run_id AS runId, phone, wa_message_id AS waMessageId, state, attempts FROM messages ORDER BY id')
      .all() as MessageRow[];
    // Since migration 021 a message's WhatsApp id is derived from its row id ('' stored).
    const state = db.prepare('SELECT value FROM app_state WHERE key = ?');
    const ids = storedWaMessageIds((name) => (state.get(name) as { value: string } | undefined)?.value)!;
    for (const message of messages) if (message.waMessageId === '') message.waMessageId = ids.forRow(message.id);
    const runs = db.prepare('SELECT id, campaign_id AS campaignId, state FROM campaign_runs ORDER BY id').all() as DatabaseSnapshot['runs'];
    const counters = db.prepare('SELECT run_id AS runId, state, count FROM run_counters WHERE run_id <> 0').all() as { runId: number; state: string; count: number }[];
    const counted = db
      .prepare('SELECT run_id AS runId, state, COUNT(*) AS count FROM messages WHERE run_id IS NOT NULL GROUP BY run_id, state')
      .all() as { runId: number; state: string; count: number }[];
    const key = (runId: number, state: string) => `${runId}:${state}`;
    const byKey = new Map<string, CounterMismatch>();
    for (const row of counters) byKey.set(key(row.runId, row.state), { runId: row.runId, state: row.state, counter: row.count, counted: 0 });
    for (const row of counted) {
      const entry = byKey.get(key(row.runId, row.state)) ?? { runId: row.runId, state: row.state, counter: 0, counted: 0 };
      entry.counted = row.count;
      byKey.set(key(row.runId, row.state), entry);
    }
    const counterMismatches = [...byKey.values()].filter((m) => m.counter !== m.counted);
    return { messages, runs, counterMismatches };
  } finally {
    db.close();
  }
}

/** How many messages are in each state. */
export function countByState(messages: readonly MessageRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of messages) counts[m.state] = (counts[m.state] ?? 0) + 1;
  return counts;
}
