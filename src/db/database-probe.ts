import { statSync } from 'node:fs';
import type { Clock } from '../core/clock.js';
import { isBusyError } from './busy-retry.js';
import type { Db } from './connection.js';

/** A write is tried at most this often; the file's identity is checked on every call (one stat). */
const WRITE_PROBE_EVERY_MS = 5_000;
const PROBE_KEY = 'health.write_probe';

interface FileIdentity {
  dev: number;
  ino: number;
}

function identityOf(path: string): FileIdentity | NodeJS.ErrnoException {
  try {
    const { dev, ino } = statSync(path);
    return { dev, ino };
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/**
 * Whether the database can still record what zapcast does. Two ways it
 * silently cannot: the file was deleted or replaced while open (SQLite goes on
 * writing to the old, unlinked file, and the next start finds an empty or
 * other database), or it no longer takes writes (read-only, full, failing
 * disk). The first is seen by comparing the file now at the path with the
 * one opened (device and inode); the second by a small write.
 */
export class DatabaseProbe {
  private readonly opened: FileIdentity | undefined;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private lastWriteProblem: string | undefined;

  constructor(
    private readonly db: Db,
    private readonly path: string,
    private readonly clock: Clock,
  ) {
    const identity = path === ':memory:' ? undefined : identityOf(path);
    this.opened = identity && !(identity instanceof Error) ? identity : undefined;
  }

  /** Why the database cannot record what is sent, in plain words; undefined when it can. */
  problem(): string | undefined {
    return this.fileProblem() ?? this.writeProblem();
  }

  private fileProblem(): string | undefined {
    if (!this.opened) return undefined;
    const now = identityOf(this.path);
    const lost = `what is recorded now would be lost at the next start; sending is held: put the file back (or restore a backup) and restart zapcast`;
    if (now instanceof Error) return `the database file ${this.path} is gone (${now.code ?? now.message}): ${lost}`;
    if (now.dev !== this.opened.dev || now.ino !== this.opened.ino) return `the database file ${this.path} was replaced by another file: ${lost}`;
    return undefined;
  }

  private writeProblem(): string | undefined {
    const now = this.clock.now();
    if (now - this.lastWriteAt < WRITE_PROBE_EVERY_MS) return this.lastWriteProblem;
    this.lastWriteAt = now;
    try {
      this.db
        .prepare('INSERT INTO app_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
        .run(PROBE_KEY, String(now), now);
      this.lastWriteProblem = undefined;
    } catch (error) {
      // Busy is another writer at work (an import): the database takes writes, just not this instant.
      if (isBusyError(error)) return this.lastWriteProblem;
      this.lastWriteProblem = `the database does not take writes (${error instanceof Error ? error.message : String(error)}); sending is held until it does`;
    }
    return this.lastWriteProblem;
  }
}
