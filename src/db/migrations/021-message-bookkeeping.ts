import type { Migration } from './index.js';

/**
 * Fewer pages per message commit (each is written again at every fsync).
 * WhatsApp ids are derived from row ids by a keyed permutation (see
 * queue/message-id.ts), so the index of ids goes; replies find their message
 * through the contact, so the index of phones goes; the claim's and
 * recovery's partial indexes become one whose entry stays in place when a
 * message goes from pending to sending; the day's send count moves beside the
 * run counters.
 */
export const messageBookkeeping: Migration = {
  version: 21,
  name: '021-message-bookkeeping',
  sql: `
-- The key of the WhatsApp-id permutation: one per installation, never changed
-- (a new key would make the receipts of messages already sent unreadable).
INSERT INTO app_state (key, value, updated_at)
VALUES ('wa-message-id-key', lower(hex(randomblob(16))), CAST(unixepoch('subsec') * 1000 AS INTEGER))
ON CONFLICT (key) DO NOTHING;

-- A message never handed to a send takes the derived id ('' = derived); one
-- already sent keeps the id it went out with, and only those are indexed,
-- so receipts for them still match. New messages never enter that index.
UPDATE messages SET wa_message_id = '' WHERE attempts = 0;
DROP INDEX messages_by_wa_id;
CREATE INDEX messages_by_sent_wa_id ON messages (wa_message_id) WHERE wa_message_id <> '';

-- Replies: contact (by list and phone) -> message (by run and contact).
DROP INDEX messages_by_phone;
DROP INDEX messages_by_run;
CREATE INDEX messages_by_run ON messages (run_id, contact_id);

-- Claims read pending messages in due order; recovery finds sending ones. One
-- index for both, keyed by due time alone: a message being sent is due at -1,
-- so its entry moves only from the head of its run's due messages to just
-- before it (the same leaf), and recovery finds it by seeking -1 in each run.
UPDATE messages SET next_attempt_at = -1 WHERE state = 'sending';
DROP INDEX messages_pending;
DROP INDEX messages_sending;
CREATE INDEX messages_waiting ON messages (run_id, next_attempt_at) WHERE state IN ('pending', 'sending');

-- The day's send count per WhatsApp number lives in run_counters under run 0
-- (no run has that id), on the page the run counters are written to anyway.
INSERT INTO run_counters (run_id, state, count)
SELECT 0, 'sent-day ' || session_name || ' ' || day, sent FROM send_days;
DROP TABLE send_days;
`,
};
