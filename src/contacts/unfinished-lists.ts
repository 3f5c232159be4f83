import type { Logger } from 'pino';
import type { Db } from '../db/connection.js';
import type { ContactListsRepo } from '../db/repos/contact-lists-repo.js';

/** Contacts deleted per transaction: small enough that the write-ahead log stays a few MB even on a nearly full disk. */
export const DISCARD_BATCH_ROWS = 5_000;

export interface DiscardOutcome {
  discarded: number[];
  /** Lists that could not be discarded this time (a full disk, say): still hidden, tried again at the next start. */
  left: number[];
}

/**
 * Start-up cleanup of lists a crash or a full disk left half-imported
 * (status 'importing', never shown). Their contacts go in small batches, so
 * the cleanup itself needs next to no free space, and a batch that fails is
 * logged and left for the next start instead of stopping this one: a hidden
 * half list must never keep zapcast from starting.
 */
export function discardUnfinishedLists(db: Db, lists: ContactListsRepo, logger: Pick<Logger, 'info' | 'warn'>, batchRows = DISCARD_BATCH_ROWS): DiscardOutcome {
  const outcome: DiscardOutcome = { discarded: [], left: [] };
  const deleteBatch = db.prepare('DELETE FROM contacts WHERE rowid IN (SELECT rowid FROM contacts WHERE list_id = ? LIMIT ?)');
  for (const listId of lists.unfinished()) {
    let deleted = 0;
    try {
      for (let changes = -1; changes !== 0; deleted += changes) changes = deleteBatch.run(listId, batchRows).changes;
      lists.discard(listId);
      outcome.discarded.push(listId);
      logger.info({ listId, contacts: deleted }, 'discarded a list left half-imported');
    } catch (error) {
      outcome.left.push(listId);
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn({ listId, contacts: deleted, reason }, 'could not discard a list left half-imported; it stays hidden and is tried again at the next start');
    }
  }
  return outcome;
}
