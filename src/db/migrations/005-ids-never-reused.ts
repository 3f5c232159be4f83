import type { Migration } from './index.js';

/**
 * Lists, campaigns and schedules get AUTOINCREMENT ids: without it SQLite hands
 * the highest id out again once its row is deleted, and an old "/unschedule 6"
 * in a chat's history would remove another campaign's schedule.
 *
 * SQLite cannot add AUTOINCREMENT to a table, so each is rebuilt the way its
 * documentation prescribes: a new table, every row copied with its id, the old
 * one dropped, the new one renamed, its indexes made again. Foreign keys are off
 * meanwhile (dropping contact_lists would otherwise cascade to every contact);
 * the children's references name the table, so they hold again after the
 * rename, and migrate() checks them all before the commit.
 *
 * Each id counter starts past the highest id in use or still referenced (a
 * run remembers the schedule that started it after /unschedule).
 */
export const idsNeverReused: Migration = {
  version: 5,
  name: '005-ids-never-reused',
  rebuildsTables: true,
  sql: `
CREATE TABLE contact_lists_rebuilt (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  name          TEXT NOT NULL,
  source_file   TEXT,
  contact_count INTEGER NOT NULL DEFAULT 0,
  report_json   TEXT,
  status        TEXT NOT NULL DEFAULT 'importing',
  created_by    TEXT,
  created_at    INTEGER NOT NULL
);
INSERT INTO contact_lists_rebuilt (id, name, source_file, contact_count, report_json, status, created_by, created_at)
  SELECT id, name, source_file, contact_count, report_json, status, created_by, created_at FROM contact_lists;
DROP TABLE contact_lists;
ALTER TABLE contact_lists_rebuilt RENAME TO contact_lists;

CREATE TABLE campaigns_rebuilt (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  list_id       INTEGER NOT NULL REFERENCES contact_lists(id),
  session_name  TEXT NOT NULL,
  template      TEXT NOT NULL,
  media_json    TEXT,
  pacing_json   TEXT,
  state         TEXT NOT NULL,
  state_reason  TEXT,
  created_by    TEXT,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
INSERT INTO campaigns_rebuilt (id, list_id, session_name, template, media_json, pacing_json, state, state_reason, created_by, created_at, updated_at)
  SELECT id, list_id, session_name, template, media_json, pacing_json, state, state_reason, created_by, created_at, updated_at FROM campaigns;
DROP TABLE campaigns;
ALTER TABLE campaigns_rebuilt RENAME TO campaigns;
CREATE INDEX campaigns_by_session_state ON campaigns (session_name, state);

CREATE TABLE schedules_rebuilt (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_id     INTEGER NOT NULL REFERENCES campaigns(id),
  kind            TEXT NOT NULL,
  expression      TEXT NOT NULL,
  time_zone       TEXT NOT NULL,
  until_at        INTEGER,
  next_fire_at    INTEGER,
  last_fired_at   INTEGER,
  enabled         INTEGER NOT NULL DEFAULT 1,
  created_by      TEXT,
  created_at      INTEGER NOT NULL,
  fire_pending_at INTEGER,
  last_outcome    TEXT
);
INSERT INTO schedules_rebuilt (id, campaign_id, kind, expression, time_zone, until_at, next_fire_at, last_fired_at, enabled, created_by, created_at, fire_pending_at, last_outcome)
  SELECT id, campaign_id, kind, expression, time_zone, until_at, next_fire_at, last_fired_at, enabled, created_by, created_at, fire_pending_at, last_outcome FROM schedules;
DROP TABLE schedules;
ALTER TABLE schedules_rebuilt RENAME TO schedules;
CREATE INDEX schedules_due ON schedules (enabled, next_fire_at);

DELETE FROM sqlite_sequence WHERE name IN ('contact_lists', 'campaigns', 'schedules');
INSERT INTO sqlite_sequence (name, seq) VALUES
  ('contact_lists', (SELECT COALESCE(MAX(id), 0) FROM contact_lists)),
  ('campaigns', (SELECT COALESCE(MAX(id), 0) FROM campaigns)),
  ('schedules', (SELECT MAX(COALESCE((SELECT MAX(id) FROM schedules), 0), COALESCE((SELECT MAX(schedule_id) FROM campaign_runs), 0))));
`,
};
