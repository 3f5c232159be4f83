import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { vcardSoftBreakBomb, writeSharedStringBomb } from '../../../bench/support/xlsx-writer.js';
import { openDatabase, type Db } from '../../../src/db/connection.js';
import { createRepositories } from '../../../src/db/repositories.js';
import { tempDir } from '../../support/temp-dir.js';
import { compiledImport } from '../../support/compiled-import.js';

/**
 * Hostile files against the compiled import, where workbooks and vCards are
 * read on the import thread under its memory limit.
 */

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function store() {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'zapcast.db'));
  open.push(db);
  const repos = createRepositories(db);
  const lists = () => (db.prepare('SELECT COUNT(*) AS n FROM contact_lists').get() as { n: number }).n;
  return { dir, repos, lists, options: { exportsDir: join(dir, 'exports'), now: 5, maxBytes: 50 * 1024 * 1024, maxRows: 1_000_000 } };
}

describe('hostile files on the import thread (compiled)', () => {
  it('refuses two small workbooks that expand to hundreds of MB, sent at once, and stays up', async () => {
    const importContacts = await compiledImport();
    const { dir, repos, lists, options } = store();
    const first = join(dir, 'a.xlsx');
    const second = join(dir, 'b.xlsx');
    await writeSharedStringBomb(first, 100);
    await writeSharedStringBomb(second, 100);

    const results = await Promise.allSettled([importContacts(repos, { ...options, path: first }), importContacts(repos, { ...options, path: second })]);

    const refusal = 'The workbook expands to more than 64 MB when unpacked; this is not a contact sheet (or it is too big: save it as CSV).';
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'imported'))).toEqual([refusal, refusal]);
    expect(lists()).toBe(0);
  });

  it('refuses a vCard of endless quoted-printable soft line breaks at 1 MB of one line', async () => {
    const importContacts = await compiledImport();
    const { dir, repos, lists, options } = store();
    const path = join(dir, 'bomb.vcf');
    writeFileSync(path, vcardSoftBreakBomb(1.8));

    await expect(importContacts(repos, { ...options, path })).rejects.toThrow(/^Line 5 of the vCard runs on for more than 1000000 characters/);
    expect(lists()).toBe(0);
  });

  it('stops an import running on its thread when zapcast stops, leaving no list', async () => {
    const importContacts = await compiledImport();
    const { dir, repos, lists, options } = store();
    const path = join(dir, 'big.csv');
    const rows = Array.from({ length: 300_000 }, (_, i) => `P${i},+55119${String(80_000_000 + i)}`);
    writeFileSync(path, `name,phone\n${rows.join('\n')}\n`);
    const controller = new AbortController();

    const running = importContacts(repos, { ...options, path, workers: true, signal: controller.signal, onProgress: () => controller.abort() });

    await expect(running).rejects.toThrow(/^zapcast is stopping, so the import was stopped and nothing was imported/);
    expect(lists()).toBe(0);
  });
});
