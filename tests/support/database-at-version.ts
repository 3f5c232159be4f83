import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { tempDir } from './temp-dir.js';

/** A database file as an older release left it: migrated up to `version` only. The caller closes it. */
export function databaseAtVersion(version: number): Db {
  const db = new Database(join(tempDir(), 'old.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.filter((m) => m.version <= version));
  return db;
}
