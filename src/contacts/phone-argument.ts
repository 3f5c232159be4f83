import type { CountryCode } from 'libphonenumber-js';
import { ZapcastError } from '../core/errors.js';
import { normalisePhone } from './phone.js';

/** A phone typed in a command, in E.164, or the one-line refusal saying why it cannot be used. */
export function phoneArgument(typed: string, defaultCountry: CountryCode | undefined): string {
  const phone = normalisePhone(typed, defaultCountry);
  if (!phone.ok) throw new ZapcastError(`"${typed}" is not a phone number I can use: ${phone.reason}.`);
  return phone.e164;
}
