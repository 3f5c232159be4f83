import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/db/connection.js';
import { migrate } from '../../../src/db/migrate.js';
import { idsNeverReused } from '../../../src/db/migrations/005-ids-never-reused.js';
import { MIGRATIONS } from '../../../src/db/migrations/index.js';
import { createRepositories } from '../../../src/db/repositories.js';
import { tempDir } from '../../support/temp-dir.js';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const REBUILT = ['contact_lists', 'campaigns', 'schedules'];
const REFERRING = ['contacts', 'campaigns', 'campaign_runs', 'schedules'];

/** A database as the previous version (schema 4) left it, with every kind of row, on the app's own pragmas. */
function databaseAtVersion4(path: string): Db {
  const db = new Database(path);
  open.push(db);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.filter((m) => m.version <= 4));
  db.exec(`
    INSERT INTO contact_lists (id, name, contact_count, status, created_at) VALUES (1, 'a.csv', 2, 'ready', 10), (2, 'b.csv', 1, 'ready', 20);
    INSERT INTO contacts (id, list_id, phone, name) VALUES (1, 1, '+5511910000000', 'Ana'), (2, 1, '+5511910000001', 'Bia'), (3, 2, '+5511910000002', 'Cai');
    INSERT INTO campaigns (id, list_id, session_name, template, state, created_at, updated_at) VALUES (1, 1, 'main', 'Hi {name}', 'scheduled', 30, 30), (2, 2, 'main', 'Yo', 'draft', 40, 40);
    INSERT INTO schedules (id, campaign_id, kind, expression, time_zone, next_fire_at, created_at, last_outcome) VALUES
      (1, 1, 'daily', '09:00', 'UTC', 100, 50, 'ran run 1'), (2, 1, 'once', '2026-12-01T09:00', 'UTC', 200, 60, NULL), (3, 2, 'once', '2026-12-02T09:00', 'UTC', 300, 70, NULL);
    INSERT INTO campaign_runs (id, campaign_id, state, trigger, schedule_id, total, started_at, updated_at) VALUES (1, 1, 'completed', 'schedule', 3, 2, 80, 90);
    INSERT INTO messages (run_id, contact_id, phone, wa_message_id, state) VALUES (1, 1, '+5511910000000', 'ABC', 'sent');
  `);
  // Schedule 3 is removed; the run it started still names it.
  db.exec('DELETE FROM schedules WHERE id = 3');
  return db;
}

function snapshot(db: Db) {
  const rows = Object.fromEntries(['contact_lists', 'contacts', 'campaigns', 'schedules', 'campaign_runs', 'messages'].map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
  const indexes = db.prepare(`SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).all();
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all();
  const references = Object.fromEntries(REFERRING.map((t) => [t, db.pragma(`foreign_key_list(${t})`)]));
  return { rows, indexes, triggers, references };
}

describe('ids of lists, campaigns and schedules', () => {
  it('are never handed out again, even the highest after its row is deleted', () => {
    const db = openDatabase(join(tempDir(), 'zapcast.db'));
    open.push(db);
    const repos = createRepositories(db);
    const listId = repos.lists.create({ name: 'l', createdAt: 0 });
    const campaignId = repos.campaigns.create({ listId, sessionName: 'main', template: 'Hi', at: 0 });
    const schedule = { campaignId, kind: 'once', expression: 'x', timeZone: 'UTC', untilAt: null, nextFireAt: 1, createdBy: null, createdAt: 0 };
    const first = repos.schedules.create(schedule);
    repos.schedules.remove(first);
    expect(repos.schedules.create(schedule)).toBe(first + 1);

    const doomed = repos.lists.create({ name: 'failed import', createdAt: 0 });
    repos.lists.discard(doomed);
    expect(repos.lists.create({ name: 'next', createdAt: 0 })).toBe(doomed + 1);
  });

  it('migrating an existing database keeps every row, index, trigger and reference, and starts each count past every id in use', () => {
    const path = join(tempDir(), 'zapcast.db');
    const old = databaseAtVersion4(path);
    const before = snapshot(old);
    migrate(old, MIGRATIONS.filter((m) => m.version <= idsNeverReused.version));
    expect(snapshot(old)).toEqual(before);
    open.pop()!.close();

    const db = openDatabase(path);
    open.push(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    for (const table of REBUILT) expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).pluck().get(table)).toContain('AUTOINCREMENT');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);

    // The references still hold: a contact needs its list, and a list's contacts go with it.
    expect(() => db.prepare(`INSERT INTO contacts (list_id, phone) VALUES (99, '+5511910000009')`).run()).toThrow(/FOREIGN KEY/);
    const repos = createRepositories(db);
    expect(repos.schedules.create({ campaignId: 2, kind: 'once', expression: 'x', timeZone: 'UTC', untilAt: null, nextFireAt: 1, createdBy: null, createdAt: 0 })).toBe(4);
    expect(repos.campaigns.create({ listId: 2, sessionName: 'main', template: 'Hi', at: 0 })).toBe(3);
    expect(repos.lists.create({ name: 'c.csv', createdAt: 0 })).toBe(3);
  });
});
