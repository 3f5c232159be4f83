import { jidDecode, USyncQuery, USyncUser } from 'baileys';
import type { BaileysSocket } from './socket-port.js';

export const EXISTS_BATCH_SIZE = 50;

function digits(phone: string): string {
  return phone.replace(/[^\d]/g, '');
}

/**
 * Asks WhatsApp which numbers have an account, `batchSize` at a time. Uses the
 * contact lookup behind onWhatsApp directly, because onWhatsApp drops the
 * numbers WhatsApp says are not users and so could never answer "no". A number
 * WhatsApp leaves out of its answer (or answers under another JID) stays out of
 * the map: unknown, not false. A failing batch ends the check with what earlier
 * batches answered; the first batch failing throws.
 */
export async function checkExistence(socket: BaileysSocket, phones: readonly string[], batchSize = EXISTS_BATCH_SIZE): Promise<Map<string, boolean>> {
  const byDigits = new Map<string, string>();
  for (const phone of phones) if (digits(phone) !== '') byDigits.set(digits(phone), phone);
  const answer = new Map<string, boolean>();
  const queue = [...byDigits.keys()];
  for (let start = 0; start < queue.length; start += batchSize) {
    const query = new USyncQuery().withContactProtocol();
    for (const number of queue.slice(start, start + batchSize)) query.withUser(new USyncUser().withPhone(`+${number}`));
    let result;
    try {
      result = await socket.executeUSyncQuery(query);
    } catch (error) {
      if (start === 0) throw error;
      break;
    }
    for (const entry of result?.list ?? []) {
      const phone = byDigits.get(jidDecode(entry.id)?.user ?? '');
      if (phone !== undefined && typeof entry.contact === 'boolean') answer.set(phone, entry.contact);
    }
  }
  return answer;
}
