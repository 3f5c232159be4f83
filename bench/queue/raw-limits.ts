import type { Db } from '../../src/db/connection.js';
import type { Throughput } from '../support/timing.js';
import { performance } from 'node:perf_hooks';

/**
 * What better-sqlite3 itself manages on this disk with the project's pragmas, to
 * judge the queue against: a table shaped like `messages` with no secondary
 * indexes and no triggers, written by the plainest loops.
 */
export function createRawTable(db: Db): void {
  db.exec(`CREATE TABLE raw_messages (
    id INTEGER PRIMARY KEY, run_id INTEGER, contact_id INTEGER, phone TEXT NOT NULL,
    wa_message_id TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0, body TEXT, error TEXT, sending_at INTEGER, sent_at INTEGER
  )`);
}

/** A prepared INSERT in transactions of `batch` rows: rows [from, from + rows). */
export function rawInsertRate(db: Db, from: number, rows: number, batch = 10_000): Throughput {
  const insert = db.prepare(
    `INSERT INTO raw_messages (run_id, contact_id, phone, wa_message_id, state, next_attempt_at) VALUES (?, ?, ?, ?, 'pending', 0)`,
  );
  const insertBatch = db.transaction((first: number, end: number) => {
    for (let i = first; i < end; i++) insert.run(1, i + 1, `+55119${10_000_000 + i}`, `3EB0${i.toString(16).toUpperCase().padStart(18, '0')}`);
  });
  const started = performance.now();
  for (let first = from; first < from + rows; first += batch) insertBatch.immediate(first, Math.min(from + rows, first + batch));
  const seconds = (performance.now() - started) / 1000;
  return { operations: rows, seconds, perSecond: rows / seconds };
}

/** One UPDATE by primary key per durable transaction, as a queue commits each message. */
export function rawUpdateOne(db: Db, rows: number): () => void {
  const update = db.prepare(`UPDATE raw_messages SET state = 'sent', sent_at = ? WHERE id = ?`);
  const updateOne = db.transaction((id: number, at: number) => update.run(at, id));
  let id = 0;
  return () => {
    id = (id % rows) + 1;
    updateOne.immediate(id, Date.now());
  };
}
