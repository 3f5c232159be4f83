import type { Migration } from './index.js';

/** The variant of its template's variations each message was sent with, for per-variant figures. */
export const messageVariant: Migration = {
  version: 22,
  name: '022-message-variant',
  sql: `
-- Set with the body when the message is marked sending; NULL when its
-- template has no variations (and for messages sent before this version).
ALTER TABLE messages ADD COLUMN variant INTEGER;
`,
};
