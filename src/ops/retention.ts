import type { Db } from '../db/connection.js';

/** Rows per UPDATE: each is its own short commit, so the send loop never waits long for the write lock. */
export const RETENTION_CHUNK = 5_000;

/**
 * Drops the text of messages sent (or settled) before `cutoff`. What happened
 * to each message (state, times, error) and the run counters stay: reports and
 * metrics keep working, only the personal text goes. Messages that may still
 * be sent (pending, sending, unknown) keep theirs, so a resend is identical.
 * Walks the table by id in chunks and lets the event loop run between them.
 */
export async function dropOldBodies(
  db: Db,
  cutoff: number,
  options: { breathe?: () => Promise<void>; shouldGoOn?: () => boolean } = {},
): Promise<number> {
  const breathe = options.breathe ?? (() => new Promise<void>((r) => setImmediate(r)));
  // Shutdown stops the walk between chunks; the next pass finishes it.
  const shouldGoOn = options.shouldGoOn ?? (() => true);
  const bounds = db.prepare('SELECT MIN(id) AS low, MAX(id) AS high FROM messages').get() as { low: number | null; high: number | null };
  if (bounds.low === null || bounds.high === null) return 0;
  const drop = db.prepare(
    `UPDATE messages SET body = NULL
     WHERE id >= ? AND id < ? AND body IS NOT NULL AND sending_at < ? AND state NOT IN ('pending', 'sending', 'unknown')`,
  );
  let dropped = 0;
  for (let from = bounds.low; from <= bounds.high && shouldGoOn(); from += RETENTION_CHUNK) {
    dropped += drop.run(from, from + RETENTION_CHUNK, cutoff).changes;
    await breathe();
  }
  return dropped;
}
