import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import type { LineType } from '../db/repos/contacts-repo.js';
import { nationalProblem, type PhoneProblem } from './phone-problem.js';

export type { PhoneProblem } from './phone-problem.js';

export type PhoneResult =
  | {
      ok: true;
      e164: string;
      lineType: LineType;
      country: string | undefined;
      /** Written with its country code (+, 00, or digits with no list country), not read in the list's country. */
      international: boolean;
    }
  | { ok: false; reason: PhoneProblem };

/** "ext. 12", "x12", "ramal 12" at the end: an extension WhatsApp cannot dial. */
const EXTENSION = /\s*(?:ext\.?|extension|extensi[oó]n|ramal|x|#)\s*\d{1,6}\s*$/i;
/** E.164 allows 15 digits; a few more make room for trunk and international prefixes. */
const MAX_DIGITS = 17;
const MIN_DIGITS = 5;

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

function accepted(number: PhoneNumber | undefined, international: boolean): PhoneResult | undefined {
  const lineType = number && validLineType(number);
  return lineType && { ok: true, e164: number.number, lineType, country: number.country, international };
}

/** The old Brazilian subscriber number at the end as people wrote it: 9876-5432, 9876 5432 or 98765432. */
const OLD_BRAZILIAN_ENDING = /(?:^|\D|\d{2})\d{4}[\s.-]?\d{4}$/;

/**
 * Brazil gave every mobile a ninth digit (a leading 9) between 2012 and 2016;
 * contact lists still hold the old 8-digit form, (49) 9876-5432. Such a number
 * (area code, then 8 digits starting 6-9, the old mobile ranges, written the
 * way those were) is read with its 9 when that makes a valid mobile. Landlines
 * (2-5) are left alone, and so is a number grouped some other way, such as a
 * US "(646) 555-0199", which would otherwise become a mobile in Goiás.
 */
function withBrazilianNinthDigit(number: PhoneNumber, written: string): PhoneNumber | undefined {
  const national = number.nationalNumber;
  if (number.countryCallingCode !== '55' || !/^\d{2}[6-9]\d{7}$/.test(national) || !OLD_BRAZILIAN_ENDING.test(written)) return undefined;
  const ninth = parsePhoneNumberFromString(`+55${national.slice(0, 2)}9${national.slice(2)}`);
  return ninth?.getType() === 'MOBILE' ? ninth : undefined;
}

function lengthProblem(text: string, country?: CountryCode): PhoneProblem | undefined {
  const problem = validatePhoneNumberLength(text, country && { defaultCountry: country });
  if (problem === 'TOO_SHORT') return 'too short';
  if (problem === 'TOO_LONG') return 'too long';
  return undefined;
}

/** A number written with its country code: read as written, in no other country. */
function readInternational(digits: string): PhoneResult {
  return accepted(parsePhoneNumberFromString(`+${digits}`), true) ?? { ok: false, reason: lengthProblem(`+${digits}`) ?? 'not valid for its country' };
}

/** A number written without its country code, read in `country` only (its trunk prefix and its own country code are understood). */
function readNational(text: string, country: CountryCode): PhoneResult {
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: country });
  const result = accepted(parsed, false) ?? accepted(parsed && withBrazilianNinthDigit(parsed, text), false);
  return result ?? { ok: false, reason: lengthProblem(text, country) ?? nationalProblem(country) };
}

/**
 * Any way people write a phone number -> E.164, with the "max" metadata so a
 * number no longer in service is refused and mobiles are told from landlines.
 *
 * A number with "+" or "00" is read as international. Any other is read in
 * `defaultCountry` only and refused when it is not valid there: re-reading it
 * as some other country's number (a US "(646) 555-0199" as New Zealand's
 * +64 6 555 0199) would message a stranger abroad. With no default country
 * only numbers with their country code are read: a sheet that stores
 * 5511987654321 as a number is imported with country=BR, where Brazil's own
 * code is understood.
 */
export function normalisePhone(raw: string, defaultCountry: CountryCode | undefined): PhoneResult {
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const cleaned = trimmed.replace(EXTENSION, '');
  const digits = cleaned.replace(/\D/g, '');
  if (digits.length === 0) return { ok: false, reason: 'not a phone number' };
  if (digits.length < MIN_DIGITS) return { ok: false, reason: 'too short' };
  if (digits.length > MAX_DIGITS) return { ok: false, reason: 'too long' };

  if (/^[^\d]*\+/.test(cleaned)) return readInternational(digits);
  if (digits.startsWith('00')) return readInternational(digits.slice(2));
  if (defaultCountry) return readNational(cleaned, defaultCountry);
  return { ok: false, reason: 'no country code' };
}
