import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/contacts/', import.meta.url));

let current: TestApp | undefined;
afterEach(async () => {
  await current?.app.stop();
  current = undefined;
});

async function startApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  current = createTestApp(overrides);
  await current.app.start();
  return current;
}

describe('/import on the console', () => {
  it('imports a Google Contacts export and answers with the report and the rejected rows', async () => {
    const t = await startApp({ DEFAULT_COUNTRY: 'BR' });
    const path = join(t.dataDir, 'google.csv');
    copyFileSync(join(FIXTURES, 'google-contacts.csv'), path);

    const answer = await t.type(`/import ${path}`);

    expect(answer).toContain('List 1 "google.csv" imported.');
    expect(answer).toContain('Rows read: 8');
    expect(answer).toContain('Valid: 5 (1 fixed-line, kept and flagged)');
    expect(answer).toContain('Invalid: 2 (empty: 1, too short: 1)');
    expect(answer).toContain('Duplicates: 1');
    expect(answer).toContain('phone columns "Phone 1 - Value", "Phone 2 - Value"');
    expect(answer).toContain('Next: /send 1 <message with {name}>');
    const rejected = join(t.dataDir, 'exports', 'list-1-rejected.csv');
    expect(answer).toContain(`Rejected rows of list 1: ${rejected}`);
    const lines = readFileSync(rejected, 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFline,reason,First Name,Middle Name,Last Name,/);
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual(['7,empty,Elisa', '8,too short,Fábio', '9,duplicate of line 2,Gabriela', '']);
    expect(await t.type('/lists')).toContain('List 1: "google.csv", 5 contacts');
  });

  it('takes country=, phone=, name= and the all-phones flag', async () => {
    const t = await startApp();
    const path = join(t.dataDir, 'sheet.csv');
    writeFileSync(path, 'Cliente;Fone A;Fone B\nAna Souza;11 98765-4321;11 3456-7890\n');

    const answer = await t.type(`/import ${path} country=br phone=fone_a name=cliente all-phones`);

    expect(answer).toContain('Valid: 1 (every number of each row)');
    expect(answer).toContain('phone column "Fone A"; name from "Cliente"');
    expect(t.app.services.repos.contacts.firstOfList(1, 5)).toMatchObject([{ phone: '+5511987654321', name: 'Ana Souza' }]);
  });

  it('refuses a bad file with one clear answer and creates no list', async () => {
    const t = await startApp({ IMPORT_MAX_BYTES: '100' });
    const big = join(t.dataDir, 'big.csv');
    writeFileSync(big, `name,phone\n${'Ana,+5511987654321\n'.repeat(10)}`);
    const headerOnly = join(t.dataDir, 'header.csv');
    writeFileSync(headerOnly, 'name,phone\n');

    expect(await t.type(`/import ${big}`)).toContain('The file is 201 bytes; the most /import takes is 100 bytes (IMPORT_MAX_BYTES).');
    expect(await t.type(`/import ${headerOnly}`)).toContain('The file has a header (name, phone) but no rows.');
    expect(await t.type(`/import ${headerOnly} country=XX`)).toContain('"XX" is not a country code');
    expect(await t.type('/lists')).toContain('No lists yet.');
  });

  it('reports progress of a long import as import.progress events', async () => {
    const t = await startApp();
    const path = join(t.dataDir, 'long.csv');
    const rows = Array.from({ length: 20_000 }, (_, i) => `P${i},+55119${String(10_000_000 + i)}`);
    writeFileSync(path, `name,phone\n${rows.join('\n')}\n`);
    const seen: { key: string; rows: number }[] = [];
    t.app.services.events.on('import.progress', (event) => seen.push(event));

    expect(await t.type(`/import ${path}`)).toContain('Valid: 20000');
    expect(seen).toEqual([
      { key: 'console', rows: 10_000 },
      { key: 'console', rows: 20_000 },
    ]);
  });

  it('imports a .vcf and lets /send use its variables', async () => {
    const t = await startApp({ DEFAULT_COUNTRY: 'BR' });
    const path = join(t.dataDir, 'phone.vcf');
    copyFileSync(join(FIXTURES, 'phone-export.vcf'), path);

    const answer = await t.type(`/import ${path}`);
    expect(answer).toContain('Read as: vCard, UTF-8; phone column "TEL"; name from "FN", "N"');
    expect(answer).toContain('Valid: 4');
    const preview = await t.type('/send 1 Oi {first_name|amigo}, tudo bem?');
    expect(preview).toContain('Oi Ana, tudo bem?');
  });
});
