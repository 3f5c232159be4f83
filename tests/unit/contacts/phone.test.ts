import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../../src/contacts/phone.js';

describe('normalising phone numbers', () => {
  it('reads national numbers in the given country and international ones anywhere', () => {
    expect(normalisePhone('(11) 98765-4321', 'BR')).toEqual({ ok: true, e164: '+5511987654321', lineType: 'mobile', country: 'BR' });
    expect(normalisePhone('0 21 99876-5432', 'BR')).toMatchObject({ e164: '+5521998765432' });
    expect(normalisePhone('+34 612 34 56 78', 'BR')).toMatchObject({ e164: '+34612345678', country: 'ES' });
    expect(normalisePhone('0034 612 345 678', 'ES')).toMatchObject({ e164: '+34612345678' });
  });

  it('reads an international number written without its +, as sheets store numbers', () => {
    expect(normalisePhone('5511987654321', 'BR')).toMatchObject({ e164: '+5511987654321' });
    expect(normalisePhone('12015550123', 'BR')).toMatchObject({ e164: '+12015550123', country: 'US' });
    expect(normalisePhone('00351 912 345 678', 'BR')).toMatchObject({ e164: '+351912345678' });
    expect(normalisePhone('00351 912 345 678', undefined)).toMatchObject({ e164: '+351912345678' });
  });

  it('flags fixed lines and leaves the undecidable as unknown', () => {
    expect(normalisePhone('(11) 3456-7890', 'BR')).toMatchObject({ lineType: 'fixed_line' });
    expect(normalisePhone('(201) 555-0123', 'US')).toMatchObject({ lineType: 'unknown' });
  });

  it('drops an extension', () => {
    expect(normalisePhone('(11) 98765-4321 ramal 12', 'BR')).toMatchObject({ e164: '+5511987654321' });
    expect(normalisePhone('+1 201 555 0123 ext. 7', undefined)).toMatchObject({ e164: '+12015550123' });
  });

  it('says why a number is refused', () => {
    expect(normalisePhone('  ', 'BR')).toEqual({ ok: false, reason: 'empty' });
    expect(normalisePhone('n/a', 'BR')).toEqual({ ok: false, reason: 'not a phone number' });
    expect(normalisePhone('123', 'BR')).toEqual({ ok: false, reason: 'too short' });
    expect(normalisePhone('6123456789', 'ES')).toEqual({ ok: false, reason: 'too long' });
    expect(normalisePhone('+55 11 98765-43210', 'BR')).toEqual({ ok: false, reason: 'too long' });
    expect(normalisePhone('(11) 8765-4321', 'BR')).toEqual({ ok: false, reason: 'not valid for its country' });
    expect(normalisePhone('912345678', undefined)).toEqual({ ok: false, reason: 'no country code' });
  });
});
