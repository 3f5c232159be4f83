import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffFile } from '../../../src/contacts/sniff.js';
import { isUtf8File } from '../../../src/contacts/text-encoding.js';
import { tempDir } from '../../support/temp-dir.js';
import { importHarness } from './import-harness.js';

describe('telling the encoding of a text file', () => {
  it('accepts UTF-8 whose characters straddle the chunks it is read in', async () => {
    const path = join(tempDir(), 'long.csv');
    // 1 MiB chunks: 'ã' (2 bytes) after an odd number of ASCII bytes falls across each boundary.
    writeFileSync(path, `x${'ã'.repeat(1_200_000)}`);
    expect(await isUtf8File(path)).toBe(true);
  });

  it('falls back to Windows-1252 when one byte anywhere is not UTF-8', async () => {
    const dir = tempDir();
    const path = join(dir, 'late.csv');
    writeFileSync(path, Buffer.concat([Buffer.from(`name,phone\n${'Ana,+5511987654321\n'.repeat(10_000)}`), Buffer.from([0x4a, 0x6f, 0xe3, 0x6f, 0x0a])]));
    expect(await sniffFile(path)).toMatchObject({ kind: 'csv', encoding: 'windows-1252' });
  });

  it('reads BOMs: UTF-8, UTF-16 LE and BE', async () => {
    const dir = tempDir();
    const text = 'nome,telefone\nJoão,11987654321\n';
    const utf16be = Buffer.from(text, 'utf16le').swap16();
    const files: [string, Buffer, string][] = [
      ['utf8.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8-bom'],
      ['le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf-16le'],
      ['be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]), 'utf-16be'],
    ];
    for (const [name, bytes, encoding] of files) {
      writeFileSync(join(dir, name), bytes);
      const sniffed = await sniffFile(join(dir, name));
      expect(sniffed, name).toMatchObject({ kind: 'csv', encoding, sampleIsWhole: true });
      expect(sniffed.sample, name).toBe(text);
    }
  });

  it('reads UTF-16 saved without a BOM from its NUL pattern, LE and BE, and imports it', async () => {
    const dir = tempDir();
    const text = 'nome,telefone\nJoão Ñandú,+5511987654321\n';
    const files: [string, Buffer, string][] = [
      ['le.csv', Buffer.from(text, 'utf16le'), 'utf-16le'],
      ['be.csv', Buffer.from(text, 'utf16le').swap16(), 'utf-16be'],
    ];
    for (const [name, bytes, encoding] of files) {
      writeFileSync(join(dir, name), bytes);
      const sniffed = await sniffFile(join(dir, name));
      expect(sniffed, name).toMatchObject({ kind: 'csv', encoding });
      expect(sniffed.sample, name).toBe(text);
    }
    const h = importHarness();
    const report = await h.run(join(dir, 'be.csv'));
    expect(h.contacts(report.listId).map((c) => [c.phone, c.name])).toEqual([['+5511987654321', 'João Ñandú']]);
  });

  it('still calls a file with NULs scattered on both sides binary', async () => {
    const path = join(tempDir(), 'blob.csv');
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 3 === 0 ? 0 : 0x41 + (i % 26);
    writeFileSync(path, bytes);
    await expect(sniffFile(path)).rejects.toThrow(/This file is binary/);
  });

  it('recognises a vCard by its first line', async () => {
    const path = join(tempDir(), 'x.txt');
    writeFileSync(path, '\r\nBEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n');
    expect(await sniffFile(path)).toMatchObject({ kind: 'vcard', encoding: 'utf-8' });
  });
});
