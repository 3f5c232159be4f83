import type { Migration } from './index.js';

/** The variant of its template's variations each message was sent with, and per-variant figures. */
export const messageVariant: Migration = {
  version: 22,
  name: '022-message-variant',
  sql: `
-- Set with the body when the message is marked sending; NULL when its
-- template has no variations (and for messages sent before this version).
ALTER TABLE messages ADD COLUMN variant INTEGER;

-- Per run and variant: messages in each state, and under state 'replied' the
-- messages answered. Kept by triggers in the transaction of each change, like
-- run_counters, so /status reads the figures without counting a large run's
-- messages; a message without a variant never touches it.
CREATE TABLE variant_counters (
  run_id   INTEGER NOT NULL,
  variant  INTEGER NOT NULL,
  state    TEXT NOT NULL,
  count    INTEGER NOT NULL,
  PRIMARY KEY (run_id, variant, state)
) WITHOUT ROWID;

-- A message gets its variant in the same update that marks it sending.
CREATE TRIGGER messages_variant_count AFTER UPDATE OF state, variant ON messages
WHEN new.run_id IS NOT NULL AND new.variant IS NOT NULL
  AND (old.state <> new.state OR old.variant IS NULL OR old.variant <> new.variant)
BEGIN
  UPDATE variant_counters SET count = count - 1
  WHERE old.variant IS NOT NULL AND run_id = old.run_id AND variant = old.variant AND state = old.state;
  INSERT INTO variant_counters (run_id, variant, state, count) VALUES (new.run_id, new.variant, new.state, 1)
  ON CONFLICT (run_id, variant, state) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER messages_variant_reply AFTER UPDATE OF replied_at ON messages
WHEN new.run_id IS NOT NULL AND new.variant IS NOT NULL AND old.replied_at IS NULL AND new.replied_at IS NOT NULL
BEGIN
  INSERT INTO variant_counters (run_id, variant, state, count) VALUES (new.run_id, new.variant, 'replied', 1)
  ON CONFLICT (run_id, variant, state) DO UPDATE SET count = count + 1;
END;
`,
};
