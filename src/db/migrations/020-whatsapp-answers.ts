import type { Migration } from './index.js';

/**
 * What WhatsApp answered about the link, kept for what comes after it.
 * Numbered 20 so migrations of other work in progress (5 and up) fit below it.
 */
export const whatsappAnswers: Migration = {
  version: 20,
  name: '020-whatsapp-answers',
  sql: `
-- The JID WhatsApp answered the existence check with: the one to send to, and
-- the one replies come from. It may differ from the list's number (a Brazilian
-- account registered before the 9th digit).
ALTER TABLE contacts ADD COLUMN wa_jid TEXT;
-- Replies arrive from that JID: find the list numbers it stands for without a scan.
CREATE INDEX contacts_by_wa_jid ON contacts (wa_jid) WHERE wa_jid IS NOT NULL;

-- The message content really sent (encoded by the WhatsApp transport), so a
-- recipient's retry request gets the same message back, media reference
-- included, even after a restart. Kept for a limited time (see
-- sent-contents-repo.ts).
CREATE TABLE sent_contents (
  id            INTEGER PRIMARY KEY,
  wa_message_id TEXT NOT NULL UNIQUE,
  content       BLOB NOT NULL,
  sent_at       INTEGER NOT NULL
);
CREATE INDEX sent_contents_by_time ON sent_contents (sent_at);
`,
};
