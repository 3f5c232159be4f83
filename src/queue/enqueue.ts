import { inTransaction } from '../db/connection.js';
import type { Repositories } from '../db/repositories.js';

export const ENQUEUE_BATCH = 20_000;

/**
 * Fills a run's messages from its list in batches of contact ids. Each batch is
 * one transaction with the run's cursor, so a crash resumes at the next batch,
 * and the event loop breathes between batches so the bots stay responsive.
 * Opted-out numbers are written as `skipped` with the reason.
 */
export async function enqueueRunMessages(
  repos: Repositories,
  runId: number,
  listId: number,
  options: { batchSize?: number; yieldBetweenBatches?: () => Promise<void> } = {},
): Promise<void> {
  const batchSize = options.batchSize ?? ENQUEUE_BATCH;
  const pause = options.yieldBetweenBatches ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  // `+c.list_id` keeps the planner on the id range: searching the (list_id, phone)
  // index instead would read the whole list for every batch (quadratic in its size).
  const insertBatch = repos.db.prepare(
    `INSERT INTO messages (run_id, contact_id, phone, wa_message_id, state, next_attempt_at, error)
     SELECT ?, c.id, c.phone, '',
            CASE WHEN o.phone IS NULL THEN 'pending' ELSE 'skipped' END, 0,
            CASE WHEN o.phone IS NULL THEN NULL ELSE 'opted out' END
     FROM contacts c LEFT JOIN optouts o ON o.phone = c.phone
     WHERE +c.list_id = ? AND c.id > ? AND c.id <= ?
     ORDER BY c.id`,
  );
  for (;;) {
    const run = repos.runs.get(runId);
    if (!run || run.enqueueCursor >= run.enqueueEnd) return;
    const upTo = Math.min(run.enqueueCursor + batchSize, run.enqueueEnd);
    inTransaction(repos.db, () => {
      insertBatch.run(runId, listId, run.enqueueCursor, upTo);
      repos.runs.advanceEnqueueCursor(runId, upTo);
    });
    if (upTo < run.enqueueEnd) await pause();
  }
}
