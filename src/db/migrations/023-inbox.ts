import type { Migration } from './index.js';

/** The inbox: what recipients wrote, the operators' answers, and where each was shown in the operator chats. */
export const inbox: Migration = {
  version: 23,
  name: '023-inbox',
  sql: `
-- One row per inbound message forwarded (or kept) for the operators. phone is
-- the conversation: the list's number when the sender is a campaign contact
-- (it may differ from the number WhatsApp wrote from), else the sender's.
CREATE TABLE inbox_messages (
  id                  INTEGER PRIMARY KEY,
  session_name        TEXT NOT NULL,
  phone               TEXT NOT NULL,
  wa_message_id       TEXT NOT NULL,
  kind                TEXT NOT NULL,
  text                TEXT NOT NULL,
  opt_out             INTEGER NOT NULL DEFAULT 0,
  answered_message_id INTEGER,
  run_id              INTEGER,
  at                  INTEGER NOT NULL
);
CREATE INDEX inbox_messages_by_phone ON inbox_messages (phone, id);

-- One row per person who wrote: /inbox lists those written since the last answer.
CREATE TABLE inbox_conversations (
  phone        TEXT PRIMARY KEY,
  session_name TEXT NOT NULL,
  -- The number WhatsApp wrote from: answers go there.
  reply_phone  TEXT NOT NULL,
  name         TEXT,
  campaign_id  INTEGER,
  last_in_id   INTEGER NOT NULL,
  last_in_at   INTEGER NOT NULL,
  last_out_at  INTEGER,
  muted        INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX inbox_conversations_by_time ON inbox_conversations (last_in_at);

-- An operator's answer is a message outside any campaign (run_id NULL); this
-- says which number sends it, and keeps it in its send loop's lane until it has gone.
CREATE TABLE inbox_replies (
  message_id   INTEGER PRIMARY KEY REFERENCES messages(id),
  session_name TEXT NOT NULL,
  reply_jid    TEXT NOT NULL,
  operator     TEXT NOT NULL,
  waiting      INTEGER NOT NULL DEFAULT 1,
  at           INTEGER NOT NULL
);
CREATE INDEX inbox_replies_waiting ON inbox_replies (session_name, message_id) WHERE waiting = 1;

-- Where a forward was shown, so an operator answering it in the chat finds the conversation.
CREATE TABLE inbox_chat_messages (
  platform        TEXT NOT NULL,
  chat_id         TEXT NOT NULL,
  chat_message_id TEXT NOT NULL,
  phone           TEXT NOT NULL,
  PRIMARY KEY (platform, chat_id, chat_message_id)
) WITHOUT ROWID;

-- A Telegram forum topic or a Discord thread per contact.
CREATE TABLE inbox_threads (
  platform  TEXT NOT NULL,
  chat_id   TEXT NOT NULL,
  phone     TEXT NOT NULL,
  thread_id TEXT NOT NULL,
  PRIMARY KEY (platform, chat_id, phone)
) WITHOUT ROWID;
CREATE INDEX inbox_threads_by_thread ON inbox_threads (platform, thread_id);

-- Messages from numbers no campaign wrote to, counted (not kept) unless INBOX_ALL=on.
CREATE TABLE inbox_strangers (
  session_name TEXT PRIMARY KEY,
  count        INTEGER NOT NULL,
  last_at      INTEGER NOT NULL
) WITHOUT ROWID;
`,
};
