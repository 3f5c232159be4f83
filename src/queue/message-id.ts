import { randomBytes } from 'node:crypto';

/**
 * WhatsApp Web style message id ("3EB0" + 18 upper-case hex digits). It is made
 * and stored before the send, so a receipt can always be matched to its row.
 */
export function newWaMessageId(): string {
  return `3EB0${randomBytes(9).toString('hex').toUpperCase()}`;
}

/** The same shape generated inside SQLite, for enqueueing a whole batch in one statement. */
export const SQL_NEW_WA_MESSAGE_ID = `'3EB0' || hex(randomblob(9))`;
