import type { Migration } from './index.js';

export const safety: Migration = {
  version: 3,
  name: '003-safety',
  sql: `
-- "Slow down" from the breaker multiplies every pacing gap of the number.
ALTER TABLE wa_sessions ADD COLUMN pace_factor REAL NOT NULL DEFAULT 1;

ALTER TABLE campaign_runs ADD COLUMN replies INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaign_runs ADD COLUMN opt_outs INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN replied_at INTEGER;

-- Replies arrive by phone: find the message they answer without a scan. Only
-- messages handed to a send can be answered, and indexing the waiting ones would
-- scatter every enqueued row across the index (enqueue several times slower).
CREATE INDEX messages_by_phone ON messages (phone) WHERE attempts > 0;

-- Inbound message ids already handled, so a redelivered reply counts once.
CREATE TABLE inbound_seen (
  wa_message_id TEXT PRIMARY KEY,
  at            INTEGER NOT NULL
) WITHOUT ROWID;
`,
};
