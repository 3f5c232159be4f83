/**
 * Brazil added a 9 in front of every mobile number (2012-2016), but WhatsApp
 * accounts registered before then still live under the old 8-digit number:
 * a list holds 55 11 98765-4321 while the account is 55 11 8765-4321, and
 * WhatsApp answers a lookup of either with the JID the account really has.
 * Old mobile numbers began with 6, 7, 8 or 9, which is what tells them from
 * landlines (2 to 5).
 */
const WITH_NINE = /^55([1-9]{2})9([6-9]\d{7})$/;
const WITHOUT_NINE = /^55([1-9]{2})([6-9]\d{7})$/;

/** The same Brazilian mobile with or without its 9th digit (digits only, country code first); undefined for anything else. */
export function brazilianNinthDigitVariant(digits: string): string | undefined {
  const withNine = WITH_NINE.exec(digits);
  if (withNine) return `55${withNine[1]}${withNine[2]}`;
  const withoutNine = WITHOUT_NINE.exec(digits);
  if (withoutNine) return `55${withoutNine[1]}9${withoutNine[2]}`;
  return undefined;
}
