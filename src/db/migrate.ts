import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';

/**
 * Applies every migration numbered above `PRAGMA user_version`, each in its own
 * transaction together with the version bump, so a crash never leaves a half schema.
 */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = MIGRATIONS.length;
  if (current > newest) {
    throw new Error(`The database is at schema version ${current}, newer than this build (${newest}). Upgrade zapcast.`);
  }
  for (let version = current + 1; version <= newest; version++) {
    const migration = MIGRATIONS[version - 1]!;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
  return newest;
}
