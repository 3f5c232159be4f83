import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../../src/contacts/candidate.js';
import { choosePhones } from '../../../src/contacts/choose-phones.js';
import type { BatchPhone } from '../../../src/contacts/phone-batch.js';

const candidate = (phones: [string, boolean][]): Candidate => ({
  line: 2,
  phones: phones.map(([raw, mobileHint]) => ({ raw, mobileHint })),
  phoneText: phones.map(([raw]) => raw).join(' / '),
  name: 'Ana',
  fields: {},
  missingPhoneColumn: false,
});
const ok = (e164: string, lineType: 'mobile' | 'fixed_line' | 'unknown'): BatchPhone => ({ ok: true, e164, lineType });

describe('choosing the numbers of a row', () => {
  it('takes the number the file marks as mobile, unless the numbering plan says it is a landline', () => {
    expect(choosePhones(candidate([['b', true], ['a', false]]), [ok('+1', 'unknown'), ok('+2', 'mobile')], false).phones[0]!.e164).toBe('+1');
    expect(choosePhones(candidate([['b', true], ['a', false]]), [ok('+1', 'fixed_line'), ok('+2', 'mobile')], false).phones[0]!.e164).toBe('+2');
  });

  it('else a number the numbering plan calls mobile, else the first valid one', () => {
    expect(choosePhones(candidate([['a', false], ['b', false]]), [ok('+1', 'fixed_line'), ok('+2', 'mobile')], false).phones[0]!.e164).toBe('+2');
    expect(choosePhones(candidate([['a', false], ['b', false]]), [ok('+1', 'fixed_line'), ok('+2', 'unknown')], false).phones[0]!.e164).toBe('+2');
    expect(choosePhones(candidate([['a', false], ['b', false]]), [{ ok: false, reason: 'too short' }, ok('+2', 'fixed_line')], false).phones[0]!.e164).toBe('+2');
  });

  it('is invalid only when no number is valid, with the first reason and the cells as written', () => {
    const choice = choosePhones(candidate([['12', false], ['abc', false]]), [{ ok: false, reason: 'too short' }, { ok: false, reason: 'not a phone number' }], false);
    expect(choice).toEqual({ phones: [], invalid: [{ raw: '12 / abc', reason: 'too short' }] });
  });

  it('with all-phones takes every distinct valid number and reports each invalid one', () => {
    const choice = choosePhones(
      candidate([['a', false], ['b', false], ['c', false], ['d', false]]),
      [ok('+1', 'mobile'), ok('+1', 'mobile'), ok('+3', 'fixed_line'), { ok: false, reason: 'too long' }],
      true,
    );
    expect(choice.phones.map((p) => p.e164)).toEqual(['+1', '+3']);
    expect(choice.invalid).toEqual([{ raw: 'd', reason: 'too long' }]);
  });

  it('says a row that never reaches the phone column is missing it', () => {
    const row = { ...candidate([]), missingPhoneColumn: true };
    expect(choosePhones(row, [], false).invalid).toEqual([{ raw: '', reason: 'no phone column' }]);
  });
});
