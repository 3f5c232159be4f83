import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import type { LineType } from '../db/repos/contacts-repo.js';

export type PhoneProblem = 'empty' | 'not a phone number' | 'too short' | 'too long' | 'not valid for its country' | 'no country code';

export type PhoneResult = { ok: true; e164: string; lineType: LineType; country: string | undefined } | { ok: false; reason: PhoneProblem };

/** "ext. 12", "x12", "ramal 12" at the end: an extension WhatsApp cannot dial. */
const EXTENSION = /\s*(?:ext\.?|extension|extensi[oó]n|ramal|x|#)\s*\d{1,6}\s*$/i;
/** E.164 allows 15 digits; a few more make room for trunk and international prefixes. */
const MAX_DIGITS = 17;
const MIN_DIGITS = 5;

function parse(text: string, country: CountryCode | undefined): PhoneNumber | undefined {
  return parsePhoneNumberFromString(text, country ? { defaultCountry: country } : undefined);
}

/**
 * The line type of a valid number, or undefined when it is not valid. With the
 * "max" metadata isValid() is getType() !== undefined, so one getType() call
 * does both; isValid() is asked only when no type matched.
 */
function validLineType(number: PhoneNumber): LineType | undefined {
  const type = number.getType();
  if (type === 'MOBILE') return 'mobile';
  if (type === 'FIXED_LINE') return 'fixed_line';
  // FIXED_LINE_OR_MOBILE (the US, Canada, ...), VoIP, personal numbers: no telling.
  if (type !== undefined || number.isValid()) return 'unknown';
  return undefined;
}

function accepted(number: PhoneNumber | undefined): PhoneResult | undefined {
  const lineType = number && validLineType(number);
  return lineType && { ok: true, e164: number.number, lineType, country: number.country };
}

function lengthProblem(text: string, country: CountryCode | undefined): PhoneProblem {
  const problem = validatePhoneNumberLength(text, country ? { defaultCountry: country } : undefined);
  if (problem === 'TOO_SHORT') return 'too short';
  if (problem === 'TOO_LONG') return 'too long';
  return 'not valid for its country';
}

/**
 * Any way people write a phone number -> E.164, with the "max" metadata so a
 * number no longer in service is refused and mobiles are told from landlines.
 * A number without "+" is read in `defaultCountry` first and then as an
 * international number written without its "+" (5511987654321, or 00 and the
 * country code), which is how sheets that store numbers as numbers keep them.
 */
export function normalisePhone(raw: string, defaultCountry: CountryCode | undefined): PhoneResult {
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const cleaned = trimmed.replace(EXTENSION, '');
  let digits = cleaned.replace(/\D/g, '');
  if (digits.length === 0) return { ok: false, reason: 'not a phone number' };
  let international = /^[^\d]*\+/.test(cleaned);
  if (!international && !defaultCountry && digits.startsWith('00')) {
    international = true;
    digits = digits.slice(2);
  }
  if (digits.length < MIN_DIGITS) return { ok: false, reason: 'too short' };
  if (digits.length > MAX_DIGITS) return { ok: false, reason: 'too long' };

  const primaryText = international ? `+${digits}` : digits;
  const primaryCountry = international ? undefined : defaultCountry;
  if (international || defaultCountry) {
    const result = accepted(parse(primaryText, primaryCountry));
    if (result) return result;
  }
  if (!international) {
    const result = accepted(parse(`+${digits.startsWith('00') ? digits.slice(2) : digits}`, undefined));
    if (result) return result;
    if (!defaultCountry) return { ok: false, reason: 'no country code' };
  }
  return { ok: false, reason: lengthProblem(primaryText, primaryCountry) };
}
