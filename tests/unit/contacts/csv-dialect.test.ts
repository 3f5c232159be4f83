import { describe, expect, it } from 'vitest';
import { separatorLine, sniffDelimiter } from '../../../src/contacts/csv-dialect.js';

describe('finding the delimiter', () => {
  it('picks the delimiter that splits every record alike', () => {
    expect(sniffDelimiter('name,phone\nAna,1\nBia,2\n', true)).toBe(',');
    expect(sniffDelimiter('nome;telefone;endereco\nAna;1;Rua A, 10\nBia;2;Rua B, 20\n', true)).toBe(';');
    expect(sniffDelimiter('name\tphone\nAna\t1\n', true)).toBe('\t');
    expect(sniffDelimiter('name|phone\nAna|1\n', true)).toBe('|');
  });

  it('ignores delimiters and newlines inside quotes', () => {
    const text = 'name;phone;note\n"Souza, Ana";1;"a, b, c\nd, e"\n"Lima, Bia";2;x\n';
    expect(sniffDelimiter(text, true)).toBe(';');
  });

  it('leaves out a last record the sample cut short', () => {
    expect(sniffDelimiter('a;b\n1;2\n3;4\n5,6,7,8,9,10', false)).toBe(';');
  });

  it('falls back to a comma for a single column', () => {
    expect(sniffDelimiter('phone\n+5511987654321\n', true)).toBe(',');
  });

  it("reads Excel's sep= line as the delimiter", () => {
    expect(separatorLine('sep=;\r\nnome;telefone\r\n')).toBe(';');
    expect(separatorLine('sep=\t\nname\tphone\n')).toBe('\t');
    expect(separatorLine('name;phone\n')).toBeUndefined();
  });
});
