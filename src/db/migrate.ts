import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/**
 * Applies every migration above `PRAGMA user_version`, each in its own
 * transaction together with the version bump, so a crash never leaves a half schema.
 */
export function migrate(db: Database.Database, migrations: Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > newest) {
    throw new Error(`The database is at schema version ${current}, newer than this build (${newest}). Upgrade zapcast.`);
  }
  for (const migration of migrations.filter((m) => m.version > current)) apply(db, migration);
  return newest;
}

function apply(db: Database.Database, migration: Migration): void {
  // The pragma has no effect inside a transaction, so it is switched around it.
  const relaxForeignKeys = migration.rebuildsTables === true && db.pragma('foreign_keys', { simple: true }) === 1;
  if (relaxForeignKeys) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      db.exec(migration.sql);
      if (relaxForeignKeys) {
        const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
        if (broken.length > 0) {
          const first = broken[0]!;
          throw new Error(`Migration ${migration.name} would break ${broken.length} reference(s), the first from ${first.table} row ${first.rowid} to ${first.parent}; nothing was changed.`);
        }
      }
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  } finally {
    if (relaxForeignKeys) db.pragma('foreign_keys = ON');
  }
}
