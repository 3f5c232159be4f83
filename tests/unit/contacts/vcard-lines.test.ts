import { describe, expect, it } from 'vitest';
import { decodeQuotedPrintable, LineUnfolder, parseProperty, splitStructured } from '../../../src/contacts/vcard-lines.js';

function unfold(lines: string[]): { text: string; line: number }[] {
  const unfolder = new LineUnfolder();
  const out = lines.flatMap((line, i) => unfolder.push(line, i + 1) ?? []);
  const last = unfolder.end();
  return last ? [...out, last] : out;
}

describe('vCard lines', () => {
  it('joins folded lines and remembers where each property starts', () => {
    expect(unfold(['BEGIN:VCARD', 'NOTE:one', '  two', '\tthree', 'END:VCARD'])).toEqual([
      { text: 'BEGIN:VCARD', line: 1 },
      { text: 'NOTE:one twothree', line: 2 },
      { text: 'END:VCARD', line: 5 },
    ]);
  });

  it('joins quoted-printable soft line breaks', () => {
    const [fn] = unfold(['FN;ENCODING=QUOTED-PRINTABLE:Jo=C3=A3o =', '=53ilva']);
    expect(parseProperty(fn!.text)?.value).toBe('João Silva');
  });

  it('decodes quoted-printable in the charset it names', () => {
    expect(decodeQuotedPrintable('Jos=E9', 'ISO-8859-1')).toBe('José');
    expect(decodeQuotedPrintable('Jos=C3=A9', 'UTF-8')).toBe('José');
  });

  it('reads groups, TYPE lists, vCard 2.1 bare types and quoted parameters', () => {
    expect(parseProperty('item1.TEL;type=CELL;type=VOICE:+55 11 98765-4321')).toMatchObject({ name: 'TEL', types: ['CELL', 'VOICE'], value: '+55 11 98765-4321' });
    expect(parseProperty('TEL;CELL;PREF:123')).toMatchObject({ types: ['CELL', 'PREF'] });
    expect(parseProperty('TEL;VALUE=uri;TYPE="cell,voice":tel:+1-201-555-0123')).toMatchObject({ types: ['CELL', 'VOICE'], value: 'tel:+1-201-555-0123' });
    expect(parseProperty('no colon here')).toBeUndefined();
  });

  it('splits structured values at unescaped semicolons', () => {
    expect(splitStructured('Souza\\; Filho;Ana;;;')).toEqual(['Souza; Filho', 'Ana', '', '', '']);
  });
});

describe('vCard lines from a hostile file', () => {
  it('unfolds 200,000 quoted-printable soft line breaks in linear time, without a growing string', () => {
    const unfolder = new LineUnfolder();
    unfolder.push('NOTE;ENCODING=QUOTED-PRINTABLE:=', 1);
    // Each piece is a soft break: the old unfolding re-copied the whole value per piece (quadratic).
    for (let i = 0; i < 199_999; i++) unfolder.push('=41=', i + 2);
    unfolder.push('=41', 200_001);
    const note = unfolder.end()!;
    expect(note.line).toBe(1);
    const value = parseProperty(note.text)?.value ?? '';
    expect({ length: value.length, onlyA: /^A*$/.test(value) }).toEqual({ length: 200_000, onlyA: true });
  });

  it('refuses a logical line of more than 1 MB, naming where it starts', () => {
    const unfolder = new LineUnfolder();
    unfolder.push('BEGIN:VCARD', 1);
    unfolder.push('NOTE:start', 2);
    const fold = ` ${'x'.repeat(9_999)}`;
    expect(() => {
      for (let i = 0; i < 101; i++) unfolder.push(fold, i + 3);
    }).toThrow(/Line 2 of the vCard runs on for more than 1000000 characters/);
  });
});
