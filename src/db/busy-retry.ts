import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import { ZapcastError } from '../core/errors.js';

/** The first wait after a busy write, doubled after each further refusal up to LONGEST_WAIT_MS. */
const FIRST_WAIT_MS = 50;
const LONGEST_WAIT_MS = 2_000;

/** The database stayed busy for longer than the caller was willing to wait. */
export class DatabaseBusyError extends ZapcastError {
  override name = 'DatabaseBusyError';

  static after(what: string, waitedMs: number): DatabaseBusyError {
    return new DatabaseBusyError(`The database stayed busy for ${Math.round(waitedMs / 1000)} s, so ${what} was not saved; try again in a moment.`);
  }
}

/**
 * True for a failure that goes away by itself: another connection holds the
 * write lock past busy_timeout (SQLITE_BUSY, SQLITE_LOCKED), or this very
 * connection still has a statement open (better-sqlite3 then refuses every
 * other statement with a TypeError rather than an SQLite code).
 */
export function isBusyError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
  return error instanceof TypeError && /connection is busy executing a query/.test(error.message);
}

export interface BusyRetryOptions {
  clock: Clock;
  /** What is being written, for the log and the error ("the outcome of message 12"). */
  what: string;
  logger?: Logger | undefined;
  /** Give up (DatabaseBusyError) after waiting this long; Infinity never gives up. */
  maxWaitMs?: number;
  /** Stops waiting (the caller is shutting down): the last busy error is thrown. */
  signal?: AbortSignal | undefined;
}

/**
 * Runs a database write, and runs it again while the database is busy, so a
 * busy moment delays a write instead of dropping it. The first attempt starts
 * synchronously (nothing waits when the database is free); any other failure
 * is thrown at once, as it will not go away by waiting. `write` may be async
 * when it is all-or-nothing on a busy refusal (a command whose writes are one
 * transaction).
 */
export async function retryWhenBusy<T>(write: () => T | Promise<T>, options: BusyRetryOptions): Promise<T> {
  const { clock, what, logger, maxWaitMs = Infinity, signal } = options;
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      if (signal?.aborted) throw error;
      if (waited >= maxWaitMs) throw DatabaseBusyError.after(what, waited);
      const wait = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (attempt - 1), maxWaitMs - waited);
      // Only the first refusal and then every tenth are logged: a long busy spell would otherwise flood the log.
      if (attempt === 1 || attempt % 10 === 0) logger?.warn({ what, attempt, waitedMs: waited }, 'the database is busy; the write is retried');
      await clock.sleep(wait);
      waited += wait;
    }
  }
}
