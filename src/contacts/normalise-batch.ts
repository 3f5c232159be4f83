import type { CountryCode } from 'libphonenumber-js';
import { INTERNATIONAL, LINE_TYPES, problemCode, type PhoneBatch } from './phone-batch.js';
import { normalisePhone } from './phone.js';

/** Normalises raw phones into a PhoneBatch (on whichever thread loads the numbering metadata). */
export function normaliseBatch(raws: readonly string[], country: CountryCode | undefined): PhoneBatch {
  const e164: string[] = new Array<string>(raws.length);
  const codes = new Uint8Array(raws.length);
  for (let i = 0; i < raws.length; i++) {
    const result = normalisePhone(raws[i]!, country);
    if (result.ok) {
      e164[i] = result.e164;
      codes[i] = LINE_TYPES.indexOf(result.lineType) + (result.international ? INTERNATIONAL : 0);
    } else {
      e164[i] = '';
      codes[i] = problemCode(result.reason);
    }
  }
  return { e164, codes, country };
}
