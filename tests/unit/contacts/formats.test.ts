import { describe, expect, it } from 'vitest';
import { fixture, importHarness, rejectedRows } from './import-harness.js';

describe('importing the files people really have', () => {
  it('reads a Google Contacts export: its mobile among Phone 1..N, names from first/middle/last', async () => {
    const h = importHarness();
    const report = await h.run(fixture('google-contacts.csv'), { country: 'BR' });

    expect(report).toMatchObject({ format: 'CSV', encoding: 'utf-8', delimiter: ',', header: true, rowsRead: 8, valid: 5, duplicates: 1, fixedLine: 1 });
    expect(report.invalid).toEqual({ empty: 1, 'too short': 1 });
    expect(report.phoneColumns).toEqual(['Phone 1 - Value', 'Phone 2 - Value']);
    const contacts = h.contacts(report.listId);
    expect(contacts.map((c) => [c.phone, c.name, c.lineType])).toEqual([
      ['+5511987654321', 'Ana Souza', 'mobile'],
      ['+5521998765432', 'Bruno Carlos Lima', 'mobile'],
      ['+551134567891', 'Carla Dias', 'fixed_line'],
      ['+5531988887777', 'Diego Ramos', 'mobile'],
      ['+12015550123', 'Heitor Grant', 'unknown'],
    ]);
    expect(contacts[0]!.fields).toMatchObject({ first_name: 'Ana', organization_name: 'Padaria Pão Quente', e_mail_1_value: 'ana@example.com' });
    expect(contacts[1]!.fields.notes).toBe('Prefers calls after 6pm,\nnever on Sundays');
    const rejected = rejectedRows(report);
    expect(rejected.map((r) => [r[0], r[1]])).toEqual([
      ['7', 'empty'],
      ['8', 'too short'],
      ['9', 'duplicate of line 2'],
    ]);
    // The whole row, as in the file, so it can be corrected and imported again.
    expect(rejected[2]!.slice(2)).toEqual(['Gabriela', '', 'Souza', '', '', '', '', '', '', '', '', '', '', '', '', '', '* myContacts', '', '', '* Mobile', "'+55 11 98765-4321", '', '']);
  });

  it('takes every number of a Google row with all-phones', async () => {
    const h = importHarness();
    const report = await h.run(fixture('google-contacts.csv'), { country: 'BR', allPhones: true });

    expect(report).toMatchObject({ rowsRead: 8, valid: 7, duplicates: 1, fixedLine: 3, allPhones: true });
    const phones = h.contacts(report.listId).map((c) => c.phone);
    expect(phones).toEqual(['+5511987654321', '+5521998765432', '+551134567890', '+551134567891', '+5531988887777', '+553133332222', '+12015550123']);
  });

  it('reads an Outlook export: Mobile Phone first, faxes ignored', async () => {
    const h = importHarness();
    const report = await h.run(fixture('outlook.csv'), { country: 'US' });

    expect(report).toMatchObject({ rowsRead: 7, valid: 4, duplicates: 1, fixedLine: 1 });
    expect(report.invalid).toEqual({ empty: 1, 'too short': 1 });
    expect(report.phoneColumns[0]).toBe('Mobile Phone');
    expect(report.phoneColumns).not.toContain('Business Fax');
    expect(h.contacts(report.listId).map((c) => [c.phone, c.name])).toEqual([
      ['+12015550123', 'John Smith'],
      ['+442079460958', 'Mary Jones'],
      ['+447400123456', 'Linda May Green'],
      ['+16502530000', 'Kim Lee'],
    ]);
    expect(h.contacts(report.listId)[0]!.fields).toMatchObject({ company: 'Smith & Co', job_title: 'Owner', business_city: 'Newark' });
    expect(rejectedRows(report).map((r) => [r[0], r[1]])).toEqual([
      ['4', 'empty'],
      ['6', 'too short'],
      ['7', 'duplicate of line 2'],
    ]);
  });

  it('reads a semicolon sheet saved by Excel in Brazil (Windows-1252) with its accents', async () => {
    const h = importHarness();
    const report = await h.run(fixture('brazil-semicolon-1252.csv'), { country: 'BR' });

    // Antônio's old 8-digit mobile gets its ninth digit, which shows it is João's number again.
    expect(report).toMatchObject({ encoding: 'windows-1252', delimiter: ';', rowsRead: 7, valid: 4, duplicates: 2, fixedLine: 1 });
    expect(report.invalid).toEqual({ empty: 1 });
    expect(report.phoneColumns).toEqual(['Celular']);
    expect(report.nameColumns).toEqual(['Nome']);
    expect(report.variables).toEqual(['nome', 'cidade', 'observacao']);
    const contacts = h.contacts(report.listId);
    expect(contacts.map((c) => [c.phone, c.name])).toEqual([
      ['+5511987654321', 'João Araújo'],
      ['+5511912345678', 'Márcia Gonçalves'],
      ['+5521998765432', 'Conceição Ribeiro'],
      ['+553133332222', 'Inês Côrtes'],
    ]);
    expect(contacts[2]!.fields).toEqual({ nome: 'Conceição Ribeiro', cidade: 'Niterói', observacao: 'Prefere WhatsApp; não ligar' });
  });

  it('reads UTF-16 LE with a BOM, tab-separated (Excel "Unicode Text")', async () => {
    const h = importHarness();
    const report = await h.run(fixture('unicode-text-utf16le.txt'), { country: 'ES' });

    expect(report).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', rowsRead: 5, valid: 3, duplicates: 1, fixedLine: 1 });
    expect(report.invalid).toEqual({ 'too short': 1 });
    expect(h.contacts(report.listId).map((c) => [c.phone, c.name, c.fields.city])).toEqual([
      ['+34612345678', 'José Núñez', 'Madrid'],
      ['+34699887766', 'María Peña', 'Sevilla'],
      ['+34912345678', 'Íñigo Martínez', 'Bilbao'],
    ]);
  });

  it('keeps quoted newlines inside their value and counts lines exactly', async () => {
    const h = importHarness();
    const report = await h.run(fixture('quoted-newlines.csv'), { country: 'BR' });

    expect(report).toMatchObject({ rowsRead: 4, valid: 3, duplicates: 0 });
    expect(report.invalid).toEqual({ 'too short': 1 });
    const contacts = h.contacts(report.listId);
    expect(contacts[0]!.fields.address).toBe('Rua A, 10\nApto 2\nSão Paulo');
    expect(contacts.map((c) => c.name)).toEqual(['Ana Souza', 'Bruno Lima', 'Diego Ramos']);
    expect(rejectedRows(report)).toEqual([['6', 'too short', 'Carla "Cacá" Dias', '12', 'Rua C\nCentro']]);
  });

  it('reads national and international numbers of three countries in one file', async () => {
    const h = importHarness();
    const report = await h.run(fixture('mixed-countries.csv'), { country: 'BR' });

    // Mary's US number lacks its +: read in Brazil only, it is refused, never guessed abroad.
    expect(report).toMatchObject({ rowsRead: 10, valid: 6, duplicates: 1, international: 4 });
    expect(report.invalid).toEqual({ 'not a phone number': 1, 'not valid for its country': 1, 'not valid for BR (written without +)': 1 });
    expect(rejectedRows(report)).toContainEqual(['7', 'not valid for BR (written without +)', 'Mary', '1 201 555 0124']);
    expect(h.contacts(report.listId).map((c) => [c.name, c.phone])).toEqual([
      ['Ana', '+5511987654321'],
      ['Bruno', '+5521998765432'],
      ['Rita', '+351912345678'],
      ['Rui', '+351912345679'],
      ['John', '+12015550123'],
      ['Paulo', '+5511912345678'],
    ]);
  });

  it('reads a phone .vcf: several cards, folded lines, quoted-printable names, the CELL number of each', async () => {
    const h = importHarness();
    const report = await h.run(fixture('phone-export.vcf'), { country: 'BR' });

    expect(report).toMatchObject({ format: 'vCard', rowsRead: 6, valid: 4, duplicates: 1, fixedLine: 1 });
    expect(report.invalid).toEqual({ empty: 1 });
    const contacts = h.contacts(report.listId);
    expect(contacts.map((c) => [c.phone, c.name])).toEqual([
      ['+5511987654321', 'Ana Souza'],
      ['+5521998765432', 'João Conceição'],
      ['+551134567891', 'Carlos Eduardo Lima'],
      ['+12015550123', 'Diana Prince'],
    ]);
    expect(contacts[0]!.fields).toEqual({
      first_name: 'Ana',
      last_name: 'Souza',
      company: 'Padaria Pão Quente',
      email: 'ana@example.com',
      note: 'Long note that the exporter folded across two lines, with an escaped comma',
    });
    expect(contacts[1]!.fields).toMatchObject({ first_name: 'João', last_name: 'Conceição' });
    expect(rejectedRows(report).map((r) => [r[0], r[1]])).toEqual([
      ['34', 'empty'],
      ['39', 'duplicate of line 1'],
    ]);
  });

  it('takes every TEL of each card with all-phones', async () => {
    const h = importHarness();
    const report = await h.run(fixture('phone-export.vcf'), { country: 'BR', allPhones: true });

    expect(report).toMatchObject({ valid: 6, fixedLine: 3, duplicates: 1 });
    expect(h.contacts(report.listId).map((c) => c.phone)).toEqual([
      '+5511987654321',
      '+551134567890',
      '+5521998765432',
      '+552133334444',
      '+551134567891',
      '+12015550123',
    ]);
  });
});
