import { jidDecode, jidNormalizedUser, USyncQuery, USyncUser, type USyncQueryResult } from 'baileys';
import { brazilianNinthDigitVariant } from '../brazil-ninth-digit.js';
import type { ExistenceAnswer } from '../transport.js';
import type { BaileysSocket } from './socket-port.js';

export const EXISTS_BATCH_SIZE = 50;

function digits(phone: string): string {
  return phone.replace(/[^\d]/g, '');
}

/**
 * Asks WhatsApp which numbers have an account, `batchSize` at a time. Uses the
 * contact lookup behind onWhatsApp directly, because onWhatsApp drops the
 * numbers WhatsApp says are not users and so could never answer "no". A number
 * WhatsApp leaves out of its answer stays out of the map: unknown, not false.
 * A failing batch ends the check with what earlier batches answered; the first
 * batch failing throws.
 */
export async function checkExistence(socket: BaileysSocket, phones: readonly string[], batchSize = EXISTS_BATCH_SIZE): Promise<Map<string, ExistenceAnswer>> {
  const byDigits = new Map<string, string>();
  for (const phone of phones) if (digits(phone) !== '') byDigits.set(digits(phone), phone);
  const answer = new Map<string, ExistenceAnswer>();
  const queue = [...byDigits.keys()];
  for (let start = 0; start < queue.length; start += batchSize) {
    const asked = queue.slice(start, start + batchSize);
    const query = new USyncQuery().withContactProtocol();
    for (const number of asked) query.withUser(new USyncUser().withPhone(`+${number}`));
    let result;
    try {
      result = await socket.executeUSyncQuery(query);
    } catch (error) {
      if (start === 0) throw error;
      break;
    }
    for (const [number, found] of matchAnswers(asked, result)) answer.set(byDigits.get(number)!, found);
  }
  return answer;
}

/**
 * WhatsApp answers under the JID the account has, which Baileys' parser keeps
 * without the number that was asked. An answer belongs to the number with the
 * same digits, or else to the Brazilian number it is the 9th-digit variant of.
 * A number answered both ways takes the account that exists.
 */
export function matchAnswers(asked: readonly string[], result: USyncQueryResult | undefined): Map<string, ExistenceAnswer> {
  const wanted = new Set(asked);
  const matched = new Map<string, ExistenceAnswer>();
  const consider = (number: string | undefined, found: ExistenceAnswer) => {
    if (number === undefined || !wanted.has(number)) return;
    const earlier = matched.get(number);
    if (!earlier || (!earlier.registered && found.registered)) matched.set(number, found);
  };
  for (const entry of result?.list ?? []) {
    if (typeof entry.contact !== 'boolean') continue;
    const user = jidDecode(entry.id)?.user;
    if (!user) continue;
    const found: ExistenceAnswer = entry.contact ? { registered: true, jid: jidNormalizedUser(entry.id) } : { registered: false };
    consider(user, found);
    consider(brazilianNinthDigitVariant(user), found);
  }
  return matched;
}
