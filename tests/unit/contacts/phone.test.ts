import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../../src/contacts/phone.js';

describe('normalising phone numbers', () => {
  it('reads national numbers in the given country and international ones anywhere', () => {
    expect(normalisePhone('(11) 98765-4321', 'BR')).toEqual({ ok: true, e164: '+5511987654321', lineType: 'mobile', country: 'BR', international: false });
    expect(normalisePhone('0 21 99876-5432', 'BR')).toMatchObject({ e164: '+5521998765432', international: false });
    expect(normalisePhone('+34 612 34 56 78', 'BR')).toMatchObject({ e164: '+34612345678', country: 'ES', international: true });
    expect(normalisePhone('0034 612 345 678', 'ES')).toMatchObject({ e164: '+34612345678', international: true });
    expect(normalisePhone('00351 912 345 678', 'BR')).toMatchObject({ e164: '+351912345678', international: true });
    expect(normalisePhone('00351 912 345 678', undefined)).toMatchObject({ e164: '+351912345678' });
  });

  it("understands the list country's own code written without +, as sheets store numbers", () => {
    expect(normalisePhone('5511987654321', 'BR')).toMatchObject({ e164: '+5511987654321', international: false });
    expect(normalisePhone('1 201 555 0124', 'US')).toMatchObject({ e164: '+12015550124' });
  });

  it('never moves a number written without + to another country', () => {
    // Each of these was once re-read abroad: New Zealand, Germany, Norway, the US.
    expect(normalisePhone('(646) 555-0199', 'BR')).toEqual({ ok: false, reason: 'not valid for BR (written without +)' });
    expect(normalisePhone('12015550123', 'BR')).toEqual({ ok: false, reason: 'not valid for BR (written without +)' });
    expect(normalisePhone('(646) 555-0199', 'US')).toMatchObject({ e164: '+16465550199', country: 'US' });
    expect(normalisePhone('6465550199', undefined)).toEqual({ ok: false, reason: 'no country code' });
    expect(normalisePhone('(646) 555-0199', undefined)).toEqual({ ok: false, reason: 'no country code' });
    expect(normalisePhone('5511987654321', undefined)).toEqual({ ok: false, reason: 'no country code' });
  });

  it('gives an old 8-digit Brazilian mobile its ninth digit, and leaves landlines alone', () => {
    expect(normalisePhone('(49) 98765432', 'BR')).toMatchObject({ e164: '+5549998765432', lineType: 'mobile' });
    expect(normalisePhone('(47) 9876-5432', 'BR')).toMatchObject({ e164: '+5547998765432', lineType: 'mobile' });
    expect(normalisePhone('(11) 8765-4321', 'BR')).toMatchObject({ e164: '+5511987654321', lineType: 'mobile' });
    expect(normalisePhone('0 49 98765432', 'BR')).toMatchObject({ e164: '+5549998765432' });
    expect(normalisePhone('(11) 3456-7890', 'BR')).toMatchObject({ e164: '+551134567890', lineType: 'fixed_line' });
    // Written with + it is read exactly as written: a 9-digit mobile missing a digit looks the same.
    expect(normalisePhone('+55 11 98765-432', 'BR')).toEqual({ ok: false, reason: 'not valid for its country' });
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
    expect(normalisePhone('(11) 1765-4321', 'BR')).toEqual({ ok: false, reason: 'not valid for BR (written without +)' });
    expect(normalisePhone('912345678', undefined)).toEqual({ ok: false, reason: 'no country code' });
  });
});
