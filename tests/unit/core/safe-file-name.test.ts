import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../../src/core/safe-file-name.js';

describe('a safe name for a stored upload', () => {
  it('keeps short plain names, with accents and spaces made safe', () => {
    expect(safeFileName('contacts.csv')).toBe('contacts.csv');
    expect(safeFileName('Lista de ação.CSV')).toBe('Lista_de_acao.CSV');
    expect(safeFileName('😀 party.xlsx')).toBe('party.xlsx');
  });

  it('shortens a long name and keeps its extension', () => {
    const name = safeFileName(`${'Lista de contatos muito longa '.repeat(20)}.csv`);
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name.endsWith('.csv')).toBe(true);
  });

  it('never leaves a path, a hidden name or nothing at all', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\ana\\list.vcf')).toBe('list.vcf');
    expect(safeFileName('.env')).toBe('env');
    expect(safeFileName('🎉🎉.csv')).toBe('file.csv');
    expect(safeFileName('')).toBe('file');
  });
});
