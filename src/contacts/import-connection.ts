import Database from 'better-sqlite3';
import type { Db } from '../db/connection.js';

/**
 * The connection an import writes its contacts through. Its batches need no
 * fsync each: the list stays 'importing' (invisible, and discarded at start-up
 * after a crash) until ContactListsRepo.finish commits on the app's own
 * synchronous=FULL connection, and that commit syncs the write-ahead log with
 * every batch before it. A connection of its own lets the import relax this
 * without touching the durability of anything else the app writes, and gives
 * it a page cache of its own (16 MB) for the list's unique index.
 */
export function openRelaxedConnection(path: string): Db {
  const db = new Database(path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -16384');
  return db;
}

/** The import thread's connection for the list itself: as durable as the app's own (WAL, synchronous=FULL). */
export function openDurableConnection(path: string): Db {
  const db = new Database(path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  return db;
}

export interface ImportConnection {
  db: Db;
  close(): void;
}

/** A relaxed connection to the app's database file; an in-memory database has only the one. */
export function openImportConnection(db: Db): ImportConnection {
  if (db.memory) return { db, close: () => undefined };
  const own = openRelaxedConnection(db.name);
  return { db: own, close: () => own.close() };
}
