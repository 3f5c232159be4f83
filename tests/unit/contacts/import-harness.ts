import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterEach } from 'vitest';
import { importContacts, type ImportOptions } from '../../../src/contacts/contact-import.js';
import type { ImportReport } from '../../../src/contacts/import-report.js';
import { openDatabase, type Db } from '../../../src/db/connection.js';
import { createRepositories, type Repositories } from '../../../src/db/repositories.js';
import { tempDir } from '../../support/temp-dir.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/contacts/', import.meta.url));
export const fixture = (name: string) => join(FIXTURES, name);

export interface StoredContact {
  phone: string;
  name: string | null;
  fields: Record<string, string>;
  lineType: string | null;
}

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A real SQLite file in a temp dir, and the importer with test defaults. */
export function importHarness() {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'zapcast.db'));
  open.push(db);
  const repos: Repositories = createRepositories(db);
  const exportsDir = join(dir, 'exports');
  mkdirSync(exportsDir, { recursive: true });
  return {
    dir,
    repos,
    exportsDir,
    run(path: string, options: Partial<ImportOptions> = {}): Promise<ImportReport> {
      return importContacts(repos, { path, exportsDir, now: 1_000, maxBytes: 50 * 1024 * 1024, maxRows: 1_000_000, ...options });
    },
    contacts(listId: number): StoredContact[] {
      const rows = db.prepare('SELECT phone, name, fields_json AS fieldsJson, line_type AS lineType FROM contacts WHERE list_id = ? ORDER BY id').all(listId) as {
        phone: string;
        name: string | null;
        fieldsJson: string;
        lineType: string | null;
      }[];
      return rows.map((r) => ({ phone: r.phone, name: r.name, fields: JSON.parse(r.fieldsJson) as Record<string, string>, lineType: r.lineType }));
    },
    /** Lists in any state, so a test sees a half-imported one if it were left. */
    listCount(): number {
      return (db.prepare('SELECT COUNT(*) AS n FROM contact_lists').get() as { n: number }).n;
    },
    contactCount(): number {
      return (db.prepare('SELECT COUNT(*) AS n FROM contacts').get() as { n: number }).n;
    },
  };
}

/** The rejected-rows CSV as [line, reason, ...the original row] rows, header dropped. */
export function rejectedRows(report: ImportReport): string[][] {
  return rejectedFile(report).slice(1);
}

/** The whole rejected-rows CSV, header included. */
export function rejectedFile(report: ImportReport): string[][] {
  if (!report.rejectedFile) return [];
  return parse(readFileSync(report.rejectedFile, 'utf8'), { bom: true, relax_column_count: true }) as string[][];
}
