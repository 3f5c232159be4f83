import type { Migration } from './index.js';

/**
 * WhatsApp ids of new messages come from integer mixing rounds instead of
 * HMAC rounds (see queue/message-id.ts): the HMAC cost tens of microseconds
 * three times per message (the send and its two receipts). Messages already
 * queued keep the ids of the old rounds, so a late receipt or a resend still
 * matches: the first row id of the new rounds is written here, once.
 */
export const waIdMixing: Migration = {
  version: 24,
  name: '024-wa-id-mixing',
  sql: `
INSERT INTO app_state (key, value, updated_at)
SELECT 'wa-message-id-mixed-from', CAST(COALESCE(MAX(id), 0) + 1 AS TEXT), CAST(unixepoch('subsec') * 1000 AS INTEGER)
FROM messages
WHERE true
ON CONFLICT (key) DO NOTHING;
`,
};
