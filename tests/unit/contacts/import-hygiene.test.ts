import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatImportReport } from '../../../src/contacts/import-report.js';
import { escapeControls } from '../../../src/chat/console/terminal-text.js';
import { importHarness, rejectedRows } from './import-harness.js';

function write(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('what an import keeps from a cell', () => {
  it('refuses a row with a value over 4,096 characters, saying which column and line, and keeps the others', async () => {
    const h = importHarness();
    const note = 'n'.repeat(5_000);
    const path = write(h.dir, 'notes.csv', `name,phone,note\nAna,+5511987654321,short\nBia,+5511987654322,${note}\nCai,+5511987654323,ok\n`);

    const report = await h.run(path);

    expect(report).toMatchObject({ rowsRead: 3, valid: 2, invalid: { 'value too long': 1 } });
    expect(rejectedRows(report).map((r) => [r[0], r[1]])).toEqual([['3', 'value too long: "note" has more than 4096 characters']]);
    expect(formatImportReport(report)).toContain('Invalid: 1 (value too long: 1)');
  });

  it('refuses a vCard whose NOTE is over 4,096 characters', async () => {
    const h = importHarness();
    const card = (fn: string, tel: string, note: string) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${fn}\r\nTEL;TYPE=CELL:${tel}\r\nNOTE:${note}\r\nEND:VCARD\r\n`;
    const path = write(h.dir, 'cards.vcf', card('Ana', '+5511987654321', 'fine') + card('Bia', '+5511987654322', 'x'.repeat(438_000)));

    const report = await h.run(path);

    expect(report).toMatchObject({ rowsRead: 2, valid: 1, invalid: { 'value too long': 1 } });
    expect(h.contacts(report.listId).map((c) => c.fields.note)).toEqual(['fine']);
  });

  it('strips control characters from what it stores, NUL bytes past the first 64 KB and terminal escapes included', async () => {
    const h = importHarness();
    const filler = Array.from({ length: 4_000 }, (_, i) => `Pessoa ${i},+55119${String(80_000_000 + i)},x`).join('\n');
    const path = write(h.dir, 'late-nul.csv', `name,phone,city\n${filler}\nEve\u0000 Null,+5511987654321,Re\u0000cife\n\u001b]0;owned\u0007Mal\u001b[2J,+5511987654329,\u009bx\n`);

    const report = await h.run(path);

    const stored = h.contacts(report.listId).slice(-2);
    expect(stored.map((c) => [c.name, c.fields.city])).toEqual([
      ['Eve Null', 'Recife'],
      [']0;ownedMal[2J', 'x'],
    ]);
  });

  it('guards values with spaces before a formula sign in the rejected-rows file', async () => {
    const h = importHarness();
    const report = await h.run(write(h.dir, 'f.csv', 'name,phone\nEve, =3+3\nMal,\u00a0@SUM(1)\nAna,+5511987654321\n'));
    expect(rejectedRows(report).map((r) => r[3])).toEqual(["' =3+3", "'\u00a0@SUM(1)"]);
  });
});

describe('contact text on the console', () => {
  it('shows control characters as \\x escapes instead of sending them to the terminal', () => {
    expect(escapeControls('Mal\u001b]0;owned\u0007\u009b2J ok\nnext\tcol')).toBe('Mal\\x1b]0;owned\\x07\\x9b2J ok\nnext\tcol');
  });
});
