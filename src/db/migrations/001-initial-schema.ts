import type { Migration } from './index.js';

export const initialSchema: Migration = {
  version: 1,
  name: '001-initial-schema',
  sql: `
CREATE TABLE wa_sessions (
  name        TEXT PRIMARY KEY,
  phone       TEXT,
  link_state  TEXT NOT NULL DEFAULT 'unlinked',
  linked_at   INTEGER,
  created_at  INTEGER NOT NULL
);

CREATE TABLE contact_lists (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  source_file   TEXT,
  contact_count INTEGER NOT NULL DEFAULT 0,
  report_json   TEXT,
  -- 'importing' until the whole file is in; a crash mid-import leaves a list
  -- that start-up deletes, so an import is all or nothing.
  status        TEXT NOT NULL DEFAULT 'importing',
  created_by    TEXT,
  created_at    INTEGER NOT NULL
);

CREATE TABLE contacts (
  id           INTEGER PRIMARY KEY,
  list_id      INTEGER NOT NULL REFERENCES contact_lists(id) ON DELETE CASCADE,
  phone        TEXT NOT NULL,
  name         TEXT,
  fields_json  TEXT NOT NULL DEFAULT '{}',
  line_type    TEXT,
  on_whatsapp  INTEGER,
  checked_at   INTEGER,
  UNIQUE (list_id, phone)
);

CREATE TABLE campaigns (
  id            INTEGER PRIMARY KEY,
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
CREATE INDEX campaigns_by_session_state ON campaigns (session_name, state);

CREATE TABLE campaign_runs (
  id           INTEGER PRIMARY KEY,
  campaign_id  INTEGER NOT NULL REFERENCES campaigns(id),
  state        TEXT NOT NULL,
  state_reason TEXT,
  trigger      TEXT NOT NULL,
  schedule_id  INTEGER,
  total        INTEGER NOT NULL DEFAULT 0,
  -- Enqueueing walks the list's contact ids in batches; the cursor commits with
  -- each batch so a crash mid-enqueue resumes where it stopped.
  enqueue_cursor INTEGER NOT NULL DEFAULT 0,
  enqueue_end    INTEGER NOT NULL DEFAULT 0,
  started_at   INTEGER NOT NULL,
  finished_at  INTEGER,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX campaign_runs_by_campaign ON campaign_runs (campaign_id, id);
CREATE INDEX campaign_runs_by_state ON campaign_runs (state);

-- One row per run x contact. run_id is NULL for one-off /test messages.
CREATE TABLE messages (
  id               INTEGER PRIMARY KEY,
  run_id           INTEGER REFERENCES campaign_runs(id),
  contact_id       INTEGER,
  phone            TEXT NOT NULL,
  wa_message_id    TEXT NOT NULL,
  state            TEXT NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL DEFAULT 0,
  body             TEXT,
  error            TEXT,
  sending_at       INTEGER,
  sent_at          INTEGER,
  delivered_at     INTEGER,
  read_at          INTEGER
);
-- Receipts are matched by WhatsApp id, and only a message that was handed to a
-- send (attempts > 0) can get one. Indexing the random ids of messages still
-- waiting would scatter every enqueued row across the whole index and make a
-- million-message enqueue several times slower; a message enters the index
-- when it is first claimed instead.
CREATE UNIQUE INDEX messages_by_wa_id ON messages (wa_message_id) WHERE attempts > 0;
-- Every transition commits with fsync, and each index page it touches is
-- written again: the queue's indexes are shaped so a transition touches few.
-- Claims read only pending messages, so only they are indexed for it.
CREATE INDEX messages_pending ON messages (run_id, next_attempt_at) WHERE state = 'pending';
-- A message's run never changes: this index is written at enqueue, never by a transition.
CREATE INDEX messages_by_run ON messages (run_id);
-- Recovery at start looks for interrupted sends, /resume for unknown ones. Two
-- indexes, because SQLite uses a partial index only when the query repeats its
-- condition word for word.
CREATE INDEX messages_sending ON messages (id) WHERE state = 'sending';
CREATE INDEX messages_unknown ON messages (run_id) WHERE state = 'unknown';

-- Kept by triggers in the same transaction as every insert and state change,
-- so progress is a lookup, never a COUNT over messages.
CREATE TABLE run_counters (
  run_id  INTEGER NOT NULL,
  state   TEXT NOT NULL,
  count   INTEGER NOT NULL,
  PRIMARY KEY (run_id, state)
) WITHOUT ROWID;

CREATE TRIGGER messages_count_insert AFTER INSERT ON messages
WHEN new.run_id IS NOT NULL
BEGIN
  INSERT INTO run_counters (run_id, state, count) VALUES (new.run_id, new.state, 1)
  ON CONFLICT (run_id, state) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER messages_count_update AFTER UPDATE OF state ON messages
WHEN new.run_id IS NOT NULL AND old.state <> new.state
BEGIN
  UPDATE run_counters SET count = count - 1 WHERE run_id = old.run_id AND state = old.state;
  INSERT INTO run_counters (run_id, state, count) VALUES (new.run_id, new.state, 1)
  ON CONFLICT (run_id, state) DO UPDATE SET count = count + 1;
END;

CREATE TABLE schedules (
  id             INTEGER PRIMARY KEY,
  campaign_id    INTEGER NOT NULL REFERENCES campaigns(id),
  kind           TEXT NOT NULL,
  expression     TEXT NOT NULL,
  time_zone      TEXT NOT NULL,
  until_at       INTEGER,
  next_fire_at   INTEGER,
  last_fired_at  INTEGER,
  enabled        INTEGER NOT NULL DEFAULT 1,
  created_by     TEXT,
  created_at     INTEGER NOT NULL
);

CREATE TABLE optouts (
  phone       TEXT PRIMARY KEY,
  reason      TEXT NOT NULL,
  source      TEXT,
  created_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  front_end   TEXT NOT NULL,
  actor_id    TEXT NOT NULL,
  actor_name  TEXT,
  chat_id     TEXT,
  command     TEXT NOT NULL,
  arguments   TEXT,
  outcome     TEXT NOT NULL,
  detail      TEXT
);

-- Messages sent per WhatsApp number per local day: the daily cap survives restarts.
CREATE TABLE send_days (
  session_name TEXT NOT NULL,
  day          TEXT NOT NULL,
  sent         INTEGER NOT NULL,
  PRIMARY KEY (session_name, day)
) WITHOUT ROWID;
`,
};
