import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.js';

export type Db = Database.Database;

/**
 * WAL with synchronous=FULL: every commit is on disk before it returns, so a
 * message recorded as sent survives a crash or a power cut.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoint the WAL every ~40 MB instead of ~4 MB: each per-message commit
  // then rewrites fewer database pages (the queue commits twice per message).
  db.pragma('wal_autocheckpoint = 10000');
  migrate(db);
  return db;
}

/** Runs `work` in an IMMEDIATE transaction: the write lock is taken up front. */
export function inTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work).immediate();
}
