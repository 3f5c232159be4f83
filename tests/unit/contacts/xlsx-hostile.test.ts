import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXlsxRows } from '../../../src/contacts/xlsx-reader.js';
import { workbookParts, writeXlsx } from '../../../bench/support/xlsx-writer.js';
import { importHarness } from './import-harness.js';

const HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>phone</t></is></c></row>';

async function rowsOf(path: string, maxRows = 1000, limits?: Parameters<typeof readXlsxRows>[2]): Promise<{ line: number; cells: string[] }[]> {
  const rows = [];
  for await (const batch of readXlsxRows(path, maxRows, limits)) rows.push(...batch);
  return rows;
}

describe('hostile and unusual workbooks', () => {
  it('refuses shared strings that expand past the text limit, before holding them', async () => {
    const h = importHarness();
    const path = join(h.dir, 'bomb.xlsx');
    // 20,000 strings of 4,000 characters: 80 MB of text from a file of a few hundred KB.
    const string = `<si><t>${'A'.repeat(4_000)}</t></si>`;
    await writeXlsx(path, workbookParts(`${HEADER}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>5511987654321</v></c></row>`, function* () {
      for (let i = 0; i < 20_000; i++) yield string;
    }));

    await expect(h.run(path, { country: 'BR' })).rejects.toThrow(/^The workbook expands to more than 64 MB when unpacked/);
    expect(h.listCount()).toBe(0);
  });

  it('refuses a workbook that unpacks past its byte limit, and one holding a single huge value', async () => {
    const h = importHarness();
    const path = join(h.dir, 'long.xlsx');
    await writeXlsx(path, workbookParts(function* () {
      yield HEADER;
      yield '<row r="2"><c r="A2" t="inlineStr"><is><t>';
      for (let i = 0; i < 100; i++) yield 'x'.repeat(100_000);
      yield '</t></is></c></row>';
    }));
    const limits = { maxUnpackedBytes: 5_000_000, maxSharedTextBytes: 1_000_000, maxRunBytes: 20_000_000, maxRows: 1000 };
    await expect(rowsOf(path, 1000, limits)).rejects.toThrow(/^The workbook expands to more than 5 MB when unpacked/);
    await expect(rowsOf(path, 1000, { ...limits, maxUnpackedBytes: 50_000_000, maxRunBytes: 2 * 1024 * 1024 })).rejects.toThrow(/single value of more than 2 MB/);
  });

  it('stops reading a sheet of blank rows at the row limit instead of reading them all', async () => {
    const h = importHarness();
    const path = join(h.dir, 'blank.xlsx');
    await writeXlsx(path, workbookParts(function* () {
      yield HEADER;
      for (let r = 2; r < 20_000; r++) yield `<row r="${r}"/>`;
    }));

    await expect(h.run(path, { country: 'BR', maxRows: 1000 })).rejects.toThrow(/^The sheet has more than 1000 rows \(blank rows count too\)/);
    expect(h.listCount()).toBe(0);
  });

  it('reads rows and cells that carry no r= address, in order', async () => {
    const h = importHarness();
    const path = join(h.dir, 'no-addresses.xlsx');
    const text = (t: string) => `<c t="inlineStr"><is><t>${t}</t></is></c>`;
    await writeXlsx(path, workbookParts(`<row>${text('name')}${text('phone')}</row><row>${text('Ana')}<c><v>5511987654321</v></c></row><row>${text('Bruno')}${text('+55 21 99876-5432')}</row>`));

    const report = await h.run(path, { country: 'BR' });

    expect(report).toMatchObject({ rowsRead: 2, valid: 2, header: true });
    expect(h.contacts(report.listId).map((c) => [c.phone, c.name])).toEqual([
      ['+5511987654321', 'Ana'],
      ['+5521998765432', 'Bruno'],
    ]);
  });

  it('leaves out one stray value at column XFD instead of refusing the sheet', async () => {
    const h = importHarness();
    const path = join(h.dir, 'stray.xlsx');
    const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>phone</t></is></c><c r="B1" t="inlineStr"><is><t>city</t></is></c></row>';
    await writeXlsx(path, workbookParts(`${header}<row r="2"><c r="A2"><v>5511987654321</v></c><c r="B2" t="inlineStr"><is><t>Recife</t></is></c><c r="XFD2" t="inlineStr"><is><t>stray</t></is></c></row>`));

    const report = await h.run(path, { country: 'BR' });

    expect(report).toMatchObject({ rowsRead: 1, valid: 1 });
    expect(h.contacts(report.listId)[0]!.fields).toEqual({ city: 'Recife' });
  });

  it('reads a sheet stored before its shared strings, with dates told by their style', async () => {
    const h = importHarness();
    const path = join(h.dir, 'excel-order.xlsx');
    const styles = '<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>';
    const parts = workbookParts(
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>5511987654321</v></c><c r="C2" s="1"><v>32980</v></c><c r="D2" s="2"><v>32980.5</v></c><c r="E2" s="0"><v>12.5</v></c></row>`,
      '<si><t>Nome</t></si><si><r><t>Tele</t></r><r><t>fone</t></r></si><si><t>Ana &amp; Bia</t></si>',
    );
    await writeXlsx(path, [...parts, { name: 'xl/styles.xml', content: styles }]);

    expect(await rowsOf(path)).toEqual([
      { line: 1, cells: ['Nome', 'Telefone'] },
      { line: 2, cells: ['Ana & Bia', '5511987654321', '1990-04-17', '1990-04-17 12:00:00', '12.5'] },
    ]);
  });
});

describe('counting the rows of a sheet that waits for its shared strings', () => {
  it('counts <row> tags cut across chunks once, and not <rowBreaks>', async () => {
    const { rowsCounted } = await import('../../../src/contacts/xlsx-budget.js');
    const xml = Buffer.from('<sheetData><row r="1"/><row>a</row><rowBreaks/><row\n/></sheetData>');
    const chunks = async function* () {
      for (let i = 0; i < xml.length; i += 3) yield xml.subarray(i, i + 3);
    };
    const pass = async (maxRows: number) => {
      for await (const _ of rowsCounted(chunks(), maxRows));
    };
    await expect(pass(2)).resolves.toBeUndefined();
    await expect(pass(1)).rejects.toThrow(/^The sheet has more than 1 rows/);
  });
});
