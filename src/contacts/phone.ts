import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { LineType } from '../db/repos/contacts-repo.js';

export type PhoneProblem = 'empty' | 'too short' | 'too long' | 'not valid for its country' | 'no country';

export type PhoneResult = { ok: true; e164: string; lineType: LineType; country: string | undefined } | { ok: false; reason: PhoneProblem };

/**
 * Any way people write a phone number -> E.164, with the "max" metadata so a
 * number no longer in service is refused and mobiles are told from landlines.
 */
export function normalisePhone(raw: string, defaultCountry: CountryCode | undefined): PhoneResult {
  const trimmed = raw.trim();
  let cleaned = trimmed.replace(/[^\d+]/g, '');
  if (cleaned.startsWith('00')) cleaned = `+${cleaned.slice(2)}`;
  const digits = cleaned.replace(/\D/g, '');
  if (digits.length === 0) return { ok: false, reason: 'empty' };
  if (digits.length < 6) return { ok: false, reason: 'too short' };
  if (digits.length > 15) return { ok: false, reason: 'too long' };
  const international = cleaned.startsWith('+');
  if (!international && !defaultCountry) return { ok: false, reason: 'no country' };
  const parsed = parsePhoneNumberFromString(cleaned, international ? undefined : { defaultCountry });
  if (!parsed || !parsed.isValid()) return { ok: false, reason: 'not valid for its country' };
  const type = parsed.getType();
  const lineType: LineType = type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' ? 'mobile' : type === 'FIXED_LINE' ? 'fixed_line' : 'unknown';
  return { ok: true, e164: parsed.number, lineType, country: parsed.country };
}
