import { getCountries, isSupportedCountry } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, isCountryCode } from '../../../src/core/country-codes.js';

describe('country codes', () => {
  it('are exactly the countries the phone library reads numbers for', () => {
    expect([...COUNTRY_CODES].sort()).toEqual([...getCountries()].sort());
  });

  it('accept what the phone library accepts and refuse the rest', () => {
    for (const code of ['BR', 'ES', 'US', 'PT', 'XX', 'br', 'BRA', '']) expect(isCountryCode(code)).toBe(isSupportedCountry(code));
  });
});
