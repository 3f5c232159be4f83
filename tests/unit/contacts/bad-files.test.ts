import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, importHarness } from './import-harness.js';

type Harness = ReturnType<typeof importHarness>;

function write(h: Harness, name: string, content: string | Buffer): string {
  const path = join(h.dir, name);
  writeFileSync(path, content);
  return path;
}

/** Nothing of a refused import is left: no list in any state, no contacts, no rejected-rows file. */
function expectNothingLeft(h: Harness): void {
  expect(h.listCount()).toBe(0);
  expect(h.contactCount()).toBe(0);
  expect(readdirSync(h.exportsDir)).toEqual([]);
}

describe('files that cannot be imported get one clear reason and change nothing', () => {
  it('refuses a binary file', async () => {
    const h = importHarness();
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    await expect(h.run(write(h, 'data.bin', bytes))).rejects.toThrow('This file is binary, not text: it does not look like a contact file.');
    expectNothingLeft(h);
  });

  it('names the kind of file sent by mistake: a picture, an old .xls, a ZIP', async () => {
    const h = importHarness();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
    await expect(h.run(write(h, 'photo.csv', png))).rejects.toThrow('This is a picture, not a contact file.');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]);
    await expect(h.run(write(h, 'old.xls', xls))).rejects.toThrow('This is an old Excel (.xls) or other Office 97 file, which cannot be read. Save it as .xlsx or CSV.');
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('notes/readme.txt')]);
    await expect(h.run(write(h, 'archive.zip', zip))).rejects.toThrow('This is a ZIP archive. Unpack it and send the contact file inside.');
    expectNothingLeft(h);
  });

  it('refuses an HTML table saved under a spreadsheet name', async () => {
    const h = importHarness();
    const html = '<html><body><table><tr><td>name</td><td>phone</td></tr><tr><td>Ana</td><td>11987654321</td></tr></table></body></html>';
    await expect(h.run(write(h, 'export.xls', html))).rejects.toThrow('This is a web page or XML file, not a sheet saved as CSV or .xlsx.');
    expectNothingLeft(h);
  });

  it('refuses an empty file, and one with only blank lines', async () => {
    const h = importHarness();
    await expect(h.run(write(h, 'empty.csv', ''))).rejects.toThrow('The file is empty.');
    await expect(h.run(write(h, 'blank.csv', '\r\n\r\n  \n'))).rejects.toThrow('The file is empty.');
    expectNothingLeft(h);
  });

  it('refuses a file with only a header', async () => {
    const h = importHarness();
    await expect(h.run(write(h, 'header.csv', 'name,phone,city\r\n'))).rejects.toThrow('The file has a header (name, phone, city) but no rows.');
    expectNothingLeft(h);
  });

  it('refuses a file with no phone column, listing its columns', async () => {
    const h = importHarness();
    const path = write(h, 'no-phone.csv', 'name,city\nAna,Recife\nBruno,Natal\n');
    await expect(h.run(path)).rejects.toThrow('No phone column found. Columns: name, city. Say which one holds the numbers with phone=<column>.');
    expectNothingLeft(h);
  });

  it('refuses a file with neither a header nor phone numbers', async () => {
    const h = importHarness();
    const path = write(h, 'colours.csv', 'Ana;blue\nBruno;red\n');
    await expect(h.run(path)).rejects.toThrow(
      'No column of phone numbers found, and the first row (Ana, blue) is not a header naming one. Add a header such as "phone", or say which column holds the numbers with phone=<column number>.',
    );
    expectNothingLeft(h);
  });

  it('refuses a file over IMPORT_MAX_BYTES before reading it', async () => {
    const h = importHarness();
    const path = write(h, 'big.csv', `name,phone\n${'Ana,+5511987654321\n'.repeat(100)}`);
    await expect(h.run(path, { maxBytes: 1000 })).rejects.toThrow('The file is 1911 bytes; the most /import takes is 1000 bytes (IMPORT_MAX_BYTES). Split it, or raise the limit.');
    expectNothingLeft(h);
  });

  it('refuses a row with 10,000 columns', async () => {
    const h = importHarness();
    const wide = Array.from({ length: 10_000 }, (_, i) => `v${i}`).join(',');
    const path = write(h, 'wide.csv', `name,phone\nAna,+5511987654321\n${wide}\n`);
    await expect(h.run(path)).rejects.toThrow('Line 3 has 10000 columns; a contact file has at most 1000. Is the separator right?');
    expectNothingLeft(h);
  });

  it('refuses a quote that is never closed, naming its line', async () => {
    const h = importHarness();
    const path = write(h, 'quote.csv', 'name,phone\nAna,+5511987654321\n"Bruno,+5521998765432\nCarla,+5531988887777\n');
    await expect(h.run(path)).rejects.toThrow(/^Line \d+: a quoted value is never closed/);
    expectNothingLeft(h);
  });

  it('refuses a column the operator names that is not there', async () => {
    const h = importHarness();
    await expect(h.run(fixture('mixed-countries.csv'), { phoneColumn: 'celular' })).rejects.toThrow('There is no column "celular". Columns: name, phone.');
    await expect(h.run(fixture('phone-export.vcf'), { nameColumn: 'nome' })).rejects.toThrow('phone= and name= choose columns of a sheet; a vCard file has none');
    expectNothingLeft(h);
  });

  it('discards the list when the file passes IMPORT_MAX_ROWS after contacts were already written', async () => {
    const h = importHarness();
    const rows = Array.from({ length: 70_000 }, (_, i) => `P${i},+55119${String(10_000_000 + i)}`);
    const path = write(h, 'many.csv', `name,phone\n${rows.join('\n')}\n`);
    const writtenSoFar: number[] = [];
    await expect(h.run(path, { maxRows: 65_000, country: 'BR', onProgress: () => writtenSoFar.push(h.contactCount()) })).rejects.toThrow(
      'The file has more than 65000 rows, the most /import takes (IMPORT_MAX_ROWS). Split it, or raise the limit.',
    );
    expect(Math.max(...writtenSoFar)).toBeGreaterThan(0);
    expectNothingLeft(h);
  });
});
