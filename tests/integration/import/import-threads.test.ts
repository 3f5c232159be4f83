import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../src/contacts/import-report.js';
import { openDatabase, type Db } from '../../../src/db/connection.js';
import { createRepositories } from '../../../src/db/repositories.js';
import { tempDir } from '../../support/temp-dir.js';
import { compiledImport } from '../../support/compiled-import.js';

/**
 * The threaded import (an import thread reading, a phone thread, a writer
 * thread) runs only from the compiled build, where the worker scripts exist:
 * this test drives dist/ and holds it to the same results as the
 * single-thread import of the sources.
 */
const FIXTURES = fileURLToPath(new URL('../../fixtures/contacts/', import.meta.url));

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function store() {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'zapcast.db'));
  open.push(db);
  const exportsDir = join(dir, 'exports');
  return { dir, db, repos: createRepositories(db), exportsDir, options: { exportsDir, now: 5, maxBytes: 50 * 1024 * 1024, maxRows: 1_000_000 } };
}

function contactsOf(db: Db, listId: number): unknown[] {
  return db.prepare('SELECT phone, name, fields_json, line_type FROM contacts WHERE list_id = ? ORDER BY id').all(listId);
}

/** A report without what differs between two stores (the list id, the file path). */
const comparable = ({ listId: _id, rejectedFile, ...rest }: ImportReport) => ({ ...rest, rejected: rejectedFile !== null });

function mixedCsv(dir: string, rows: number): string {
  const lines = ['Nome;Celular;Cidade'];
  for (let i = 0; i < rows; i++) {
    const n = String(10_000_000 + ((i * 7919) % 90_000_000));
    const phone = i % 33 === 0 ? 'n/a' : i % 20 === 0 ? `(11) 9${String(10_000_000 + (((i - 7) * 7919) % 90_000_000))}` : i % 2 ? `+55 11 9${n}` : `(21) 9${n.slice(0, 4)}-${n.slice(4)}`;
    lines.push(`Pessoa ${i};${phone};Cidade ${i % 7}`);
  }
  const path = join(dir, 'mixed.csv');
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

describe('the threaded import (compiled)', () => {
  it('gives the same list, report and rejected rows as the single-thread import', async () => {
    const importThreaded = await compiledImport();
    const { importContacts: importSingle } = await import('../../../src/contacts/contact-import.js');
    const a = store();
    const b = store();
    const path = mixedCsv(a.dir, 30_000);
    const progress: number[] = [];

    const threaded = await importThreaded(a.repos, { ...a.options, path, country: 'BR', workers: true, onProgress: (rows) => progress.push(rows) });
    const single = await importSingle(b.repos, { ...b.options, path, country: 'BR', workers: false });

    expect(comparable(threaded)).toEqual(comparable(single));
    expect(threaded).toMatchObject({ rowsRead: 30_000, valid: 27_682, duplicates: 1_408, invalid: { 'not a phone number': 910 } });
    expect(progress).toEqual([10_000, 20_000, 30_000]);
    expect(contactsOf(a.db, threaded.listId)).toEqual(contactsOf(b.db, single.listId));
    expect(readFileSync(threaded.rejectedFile!, 'utf8')).toBe(readFileSync(single.rejectedFile!, 'utf8'));
    expect(a.repos.lists.get(threaded.listId)?.status).toBe('ready');
  });

  it('reads vCards and spreadsheets on the import thread too', async () => {
    const importThreaded = await compiledImport();
    const s = store();
    const report = await importThreaded(s.repos, { ...s.options, path: join(FIXTURES, 'phone-export.vcf'), country: 'BR', workers: true });
    expect(report).toMatchObject({ format: 'vCard', valid: 4, duplicates: 1, invalid: { empty: 1 } });
    expect(contactsOf(s.db, report.listId)).toHaveLength(4);
  });

  it('refuses a bad file from the import thread with the same clear reason, leaving nothing', async () => {
    const importThreaded = await compiledImport();
    const s = store();
    const path = join(s.dir, 'no-phone.csv');
    writeFileSync(path, 'name,city\nAna,Recife\n');
    await expect(importThreaded(s.repos, { ...s.options, path, workers: true })).rejects.toThrow(
      'No phone column found. Columns: name, city. Say which one holds the numbers with phone=<column>.',
    );
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM contact_lists').get()).toEqual({ n: 0 });
  });

  it('discards the list and its rejected rows when the limit is passed after commits on the writer thread', async () => {
    const importThreaded = await compiledImport();
    const s = store();
    const path = mixedCsv(s.dir, 70_000);
    await expect(importThreaded(s.repos, { ...s.options, path, country: 'BR', workers: true, maxRows: 65_000 })).rejects.toThrow(
      'The file has more than 65000 rows, the most /import takes (IMPORT_MAX_ROWS).',
    );
    expect(s.db.prepare('SELECT (SELECT COUNT(*) FROM contact_lists) AS lists, (SELECT COUNT(*) FROM contacts) AS contacts').get()).toEqual({ lists: 0, contacts: 0 });
    expect(existsSync(s.exportsDir) ? readdirSync(s.exportsDir) : []).toEqual([]);
  });
});
