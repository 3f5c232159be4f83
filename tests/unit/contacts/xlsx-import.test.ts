import { statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importHarness, rejectedRows } from './import-harness.js';

/** A workbook as Excel saves one: header on row 1, phones typed in as numbers, shared strings, a date column. */
async function writeWorkbook(path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Clientes');
  sheet.addRow(['Nome', 'Telefone', 'E-mail', 'Aniversário']);
  sheet.addRow(['Ana Souza', 5511987654321, 'ana@example.com', new Date(Date.UTC(1990, 4, 17))]);
  sheet.addRow(['Bruno Lima', 21998765432, null, null]);
  sheet.addRow(['Carla Dias', '+55 31 98888-7777', { text: 'carla@example.com', hyperlink: 'mailto:carla@example.com' }, null]);
  sheet.addRow(['Diego Ramos', 12345, null, null]);
  sheet.addRow([]);
  sheet.addRow(['Elisa Moura', { formula: '5511900000000+987654321', result: 5511987654321 }, null, null]);
  sheet.addRow([{ richText: [{ text: 'Fábio ' }, { font: { bold: true }, text: 'Nunes' }] }, 1134567890, null, null]);
  workbook.addWorksheet('Notas').addRow(['not contacts']);
  await workbook.xlsx.writeFile(path);
}

describe('importing an .xlsx workbook', () => {
  it('reads the first sheet: numbers stored as numbers, rich text, formulas and dates', async () => {
    const h = importHarness();
    const path = join(h.dir, 'clientes.xlsx');
    await writeWorkbook(path);

    const report = await h.run(path, { country: 'BR' });

    expect(report).toMatchObject({ format: 'Excel workbook', encoding: null, delimiter: null, header: true, rowsRead: 6, valid: 4, duplicates: 1, fixedLine: 1 });
    expect(report.invalid).toEqual({ 'too short': 1 });
    const contacts = h.contacts(report.listId);
    expect(contacts.map((c) => [c.phone, c.name])).toEqual([
      ['+5511987654321', 'Ana Souza'],
      ['+5521998765432', 'Bruno Lima'],
      ['+5531988887777', 'Carla Dias'],
      ['+551134567890', 'Fábio Nunes'],
    ]);
    expect(contacts[0]!.fields).toEqual({ nome: 'Ana Souza', e_mail: 'ana@example.com', aniversario: '1990-05-17' });
    expect(contacts[2]!.fields.e_mail).toBe('carla@example.com');
    expect(rejectedRows(report).map((r) => [r[0], r[1]])).toEqual([
      ['5', 'too short'],
      ['7', 'duplicate of line 2'],
    ]);
  });

  it('refuses a broken workbook with a clear reason and leaves no list', async () => {
    const h = importHarness();
    const path = join(h.dir, 'broken.xlsx');
    await writeWorkbook(path);
    truncateSync(path, Math.floor(statSync(path).size / 2));

    await expect(h.run(path, { country: 'BR' })).rejects.toThrow(/^The \.xlsx workbook cannot be read \(.+\)\. Open it in a spreadsheet and save it again, or save it as CSV\.$/);
    expect(h.listCount()).toBe(0);
  });
});
