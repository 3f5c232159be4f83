import type { Migration } from './index.js';

/**
 * The line of the file each contact came from, so a later row with the same
 * number is reported as "duplicate of line 12": the operator sees which two
 * rows clash. Looked up through the list's unique (list, phone) index, only
 * when a duplicate turns up.
 */
export const contactSourceLine: Migration = {
  version: 6,
  name: '006-contact-source-line',
  sql: `ALTER TABLE contacts ADD COLUMN source_line INTEGER;`,
};
