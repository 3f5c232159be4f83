import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatImportReport } from '../../../src/contacts/import-report.js';
import { parseTemplate } from '../../../src/campaigns/template.js';
import { importHarness, rejectedRows } from './import-harness.js';

type Harness = ReturnType<typeof importHarness>;

function write(h: Harness, name: string, content: string): string {
  const path = join(h.dir, name);
  writeFileSync(path, content);
  return path;
}

describe('what an import does with every row', () => {
  it('imports opted-out numbers and counts them as opted out', async () => {
    const h = importHarness();
    h.repos.optOuts.add('+5521998765432', 'replied SAIR', null, 0);
    const report = await h.run(write(h, 'c.csv', 'name,phone\nAna,11 98765-4321\nBruno,21 99876-5432\n'), { country: 'BR' });

    expect(report).toMatchObject({ valid: 2, optedOut: 1 });
    expect(h.contacts(report.listId).map((c) => c.phone)).toEqual(['+5511987654321', '+5521998765432']);
  });

  it('finds the phone and the name by content in a file without a header', async () => {
    const h = importHarness();
    const report = await h.run(write(h, 'plain.csv', 'Ana Souza;11 98765-4321;Recife\nBruno Lima;21 99876-5432;Natal\nCarla;nope;Olinda\n'), { country: 'BR' });

    expect(report).toMatchObject({ header: false, delimiter: ';', rowsRead: 3, valid: 2, phoneColumns: ['column 2'], nameColumns: ['column 1'] });
    expect(report.invalid).toEqual({ 'not a phone number': 1 });
    expect(h.contacts(report.listId)[0]).toMatchObject({ phone: '+5511987654321', name: 'Ana Souza', fields: { column_1: 'Ana Souza', column_3: 'Recife' } });
    expect(rejectedRows(report)).toEqual([['3', 'not a phone number', 'Carla', 'nope', 'Olinda']]);
  });

  it('takes phone= and name= by header in any spelling, or by position', async () => {
    const h = importHarness();
    const csv = 'Cliente,Contato principal,Outro\nAna Souza,11 98765-4321,21 3333-4444\nBruno Lima,21 99876-5432,\n';
    const byName = await h.run(write(h, 'a.csv', csv), { country: 'BR', phoneColumn: 'outro', nameColumn: 'CLIENTE' });
    expect(byName).toMatchObject({ phoneColumns: ['Outro'], nameColumns: ['Cliente'], valid: 1, invalid: { empty: 1 } });
    expect(h.contacts(byName.listId)).toMatchObject([{ phone: '+552133334444', name: 'Ana Souza' }]);

    const byPosition = await h.run(write(h, 'b.csv', csv), { country: 'BR', phoneColumn: '2', nameColumn: 'column_1' });
    expect(byPosition).toMatchObject({ phoneColumns: ['Contato principal'], valid: 2 });
  });

  it('trusts a vague header ("Número") only when its content is phone numbers', async () => {
    const h = importHarness();
    const report = await h.run(write(h, 'n.csv', 'Rua,Número,Celular do cliente\nAv. Brasil,120,11 98765-4321\nRua B,7,21 99876-5432\n'), { country: 'BR' });
    expect(report.phoneColumns).toEqual(['Celular do cliente']);
    expect(h.contacts(report.listId)[0]!.fields).toEqual({ rua: 'Av. Brasil', numero: '120' });
  });

  it('gives columns the variable names templates use, so {first_name} matches "First Name"', async () => {
    const h = importHarness();
    const report = await h.run(write(h, 'v.csv', 'First Name,Phone,Cidade Natal,Empty\nAna,+5511987654321,São Paulo,\n'));
    const template = parseTemplate('Hi {First Name} from {cidade natal}');

    expect(report.variables).toEqual(['first_name', 'cidade_natal']);
    for (const variable of template.variables) expect(report.variables).toContain(variable);
    expect(h.contacts(report.listId)[0]!.fields).toEqual({ first_name: 'Ana', cidade_natal: 'São Paulo' });
  });

  it('keeps the list invisible until the whole file is in, and reports progress on the way', async () => {
    const h = importHarness();
    const rows = Array.from({ length: 25_000 }, (_, i) => `P${i},+55119${String(10_000_000 + i)}`);
    const progress: { rows: number; visible: number }[] = [];
    const report = await h.run(write(h, 'big.csv', `name,phone\n${rows.join('\n')}\n`), {
      onProgress: (n) => progress.push({ rows: n, visible: h.repos.lists.list().length }),
    });

    expect(progress).toEqual([
      { rows: 10_000, visible: 0 },
      { rows: 20_000, visible: 0 },
    ]);
    expect(report.valid).toBe(25_000);
    const list = h.repos.lists.get(report.listId);
    expect(list).toMatchObject({ status: 'ready', contactCount: 25_000 });
    expect(JSON.parse(list!.reportJson!)).toMatchObject({ rowsRead: 25_000, valid: 25_000 });
  });

  it('honours the "sep=" line Excel puts first, and counts lines after it', async () => {
    const h = importHarness();
    const report = await h.run(write(h, 'sep.csv', 'sep=;\r\nNome;Telefone\r\nAna, a Souza;11 98765-4321\r\nBia;x\r\n'), { country: 'BR' });
    expect(report).toMatchObject({ delimiter: ';', header: true, rowsRead: 2, valid: 1 });
    expect(h.contacts(report.listId)[0]!.name).toBe('Ana, a Souza');
    expect(rejectedRows(report)).toEqual([['4', 'not a phone number', 'Bia', 'x']]);
  });

  it('writes no rejected-rows file when every row is good', async () => {
    const h = importHarness();
    const report = await h.run(write(h, 'ok.csv', 'name,phone\nAna,+5511987654321\n'));
    expect(report.rejectedFile).toBeNull();
  });

  it('guards the rejected-rows file against formulas', async () => {
    const h = importHarness();
    const report = await h.run(write(h, 'f.csv', 'name,phone\nEve,"=HYPERLINK(""http://x"",""1"")"\nMal,@SUM(1+1)\nAna,+5511987654321\n'));
    expect(rejectedRows(report)).toEqual([
      ['2', 'not a phone number', 'Eve', `'=HYPERLINK("http://x","1")`],
      ['3', 'too short', 'Mal', "'@SUM(1+1)"],
    ]);
    expect(existsSync(report.rejectedFile!)).toBe(true);
    expect(readFileSync(report.rejectedFile!, 'utf8').split('\r\n')[0]).toBe('\uFEFFline,reason,name,phone');
  });

  it('says what it did in the report text', async () => {
    const h = importHarness();
    const report = await h.run(write(h, 'r.csv', 'Nome;Celular\nAna;11 98765-4321\nBia;11 3456-7890\nCai;x\nAna;11 98765-4321\nJo;+34 612 345 678\nSam;(646) 555-0199\n'), { country: 'BR' });
    expect(formatImportReport(report)).toBe(
      [
        `List ${report.listId} "r.csv" imported.`,
        'Rows read: 6',
        'Valid: 3 (1 fixed-line, kept and flagged)',
        'Invalid: 2 (not a phone number: 1, not valid for BR (written without +): 1)',
        'Country: BR for numbers without +; international numbers (+ or 00): 1',
        'Duplicates: 1',
        'Opted out: 0 (imported, never messaged)',
        'Read as: CSV, UTF-8, semicolon-separated, with a header row; phone column "Celular"; name from "Nome"',
        'Template variables: {name} {nome}',
        `Rejected rows: ${report.rejectedFile}`,
      ].join('\n'),
    );
  });

  it('tells an import without a country how to read numbers written without +', async () => {
    const h = importHarness();
    const report = await h.run(write(h, 'n.csv', 'name,phone\nAna,+55 11 98765-4321\nBia,11 98765-4322\nCai,5511987654323\n'));
    expect(report).toMatchObject({ valid: 1, international: 1, invalid: { 'no country code': 2 } });
    expect(formatImportReport(report)).toContain('Country: none, so numbers need their country code (+ or 00); 2 without one: import again with your country, such as country=BR, or set DEFAULT_COUNTRY');
  });
});
