import { describe, expect, it } from 'vitest';
import { looksLikeHeader, planColumns } from '../../../src/contacts/column-plan.js';

describe('planning the columns of a table', () => {
  it('reads a first row of words as a header and one with a phone as data', () => {
    expect(looksLikeHeader(['name', 'phone'], [['Ana', '11987654321']])).toBe(true);
    expect(looksLikeHeader(['Ana', '11987654321'], [['Bia', '11912345678']])).toBe(false);
    expect(looksLikeHeader(['Cliente', 'Tlf'], [['Ana', '11987654321']])).toBe(true);
    expect(looksLikeHeader(['Ana', 'blue'], [['Bia', 'red']])).toBe(false);
  });

  it('prefers mobile columns and keeps Google label pairs', () => {
    const plan = planColumns([
      ['Name', 'Phone 1 - Label', 'Phone 1 - Value', 'Mobile Phone', 'City'],
      ['Ana', 'Home', '1133334444', '11987654321', 'SP'],
    ]);
    expect(plan.phoneColumns).toEqual([
      { index: 3, mobile: true, labelIndex: null },
      { index: 2, mobile: false, labelIndex: 1 },
    ]);
    expect(plan.variables).toEqual([null, null, null, null, 'city']);
    expect(plan.nameColumns).toEqual({ full: 0, first: null, middle: null, last: null });
  });

  it('joins first, middle and last name columns', () => {
    const plan = planColumns([
      ['First Name', 'Middle Name', 'Last Name', 'Phone'],
      ['Ana', '', 'Souza', '11987654321'],
    ]);
    expect(plan.nameColumns).toEqual({ full: null, first: 0, middle: 1, last: 2 });
  });

  it('falls back to content when no header names a phone column', () => {
    const plan = planColumns([
      ['Cliente', 'Contato', 'Obs'],
      ['Ana', '11987654321', 'x'],
      ['Bia', '11912345678', 'y'],
    ]);
    expect(plan.phoneColumns.map((c) => c.index)).toEqual([1]);
  });
});
