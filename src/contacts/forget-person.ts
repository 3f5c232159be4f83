import { inTransaction } from '../db/connection.js';
import type { Repositories } from '../db/repositories.js';
import { scrubExports } from './scrub-exports.js';

/** What the messages keep in place of an erased person's number. */
export const ERASED_PHONE = 'erased';

export interface Forgotten {
  /** The lists the number was on. */
  lists: number[];
  /** Campaign messages whose text and number were erased (their outcomes stay counted). */
  messages: number;
  /** Rows removed from CSV exports (reports, rejected rows). */
  exportRows: number;
  /** Still on the suppression list, so no campaign messages it again. */
  optedOut: boolean;
}

/**
 * Erases a person at their request (LGPD, GDPR): from every list, from the
 * texts and numbers of the messages sent to them (counts and outcomes stay,
 * so reports still add up), and from the CSV exports. An opt-out is kept: it
 * is what keeps them from being messaged again.
 */
export async function forgetPerson(repos: Repositories, phone: string, exportsDir: string): Promise<Forgotten> {
  const { lists, messages } = inTransaction(repos.db, () => ({
    lists: repos.contacts.deleteEverywhere(phone),
    messages: repos.messages.erasePhone(phone, ERASED_PHONE),
    // What they wrote to the inbox goes too.
    inbox: repos.inbox.forget(phone),
  }));
  const exportRows = await scrubExports(exportsDir, phone);
  return { lists, messages, exportRows, optedOut: repos.optOuts.has(phone) };
}
