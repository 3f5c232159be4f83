import { describe, expect, it } from 'vitest';
import { fileShape, readsOnImportThread } from '../../../src/contacts/import-placement.js';

describe('where an import is read', () => {
  it('reads every workbook and vCard on the import thread, however small, even on one core', () => {
    expect(readsOnImportThread('zip', 2_000, 1)).toBe(true);
    expect(readsOnImportThread('vcard', 500, 2)).toBe(true);
  });

  it('reads a small CSV on the app thread, and a big one on the import thread when there are cores for it', () => {
    expect(readsOnImportThread('text', 100_000, 2)).toBe(false);
    expect(readsOnImportThread('text', 5_000_000, 2)).toBe(true);
    expect(readsOnImportThread('text', 5_000_000, 1)).toBe(false);
  });

  it('tells a ZIP and a vCard (UTF-8, with a BOM, or UTF-16) from other text by their first bytes', () => {
    expect(fileShape(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe('zip');
    expect(fileShape(Buffer.from('BEGIN:VCARD\r\nVERSION:3.0'))).toBe('vcard');
    expect(fileShape(Buffer.from('\uFEFF  begin:vcard\n', 'utf8'))).toBe('vcard');
    expect(fileShape(Buffer.from('\uFEFFBEGIN:VCARD\r\n', 'utf16le'))).toBe('vcard');
    expect(fileShape(Buffer.from('name,phone\nAna,+5511987654321\n'))).toBe('text');
  });
});
