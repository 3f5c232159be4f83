import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse';
import type { CountryCode } from 'libphonenumber-js';
import { ImportError } from '../core/errors.js';
import { csvLine } from '../core/csv-write.js';
import { inTransaction } from '../db/connection.js';
import type { Repositories } from '../db/repositories.js';
import type { NewContact } from '../db/repos/contacts-repo.js';
import { findNameColumn, findPhoneColumn, variableNames } from './columns.js';
import type { ImportReport, RejectedRow } from './import-report.js';
import { normalisePhone } from './phone.js';

export interface ImportOptions {
  path: string;
  listName?: string;
  country?: CountryCode | undefined;
  phoneColumn?: string;
  nameColumn?: string;
  createdBy?: string;
  exportsDir: string;
  now: number;
  maxBytes: number;
  onProgress?: (rows: number) => void;
}

const BATCH = 5_000;

async function sniffDelimiter(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const firstLine = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0] ?? '';
    const counts = [',', ';', '\t', '|'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
    counts.sort((a, b) => b.n - a.n);
    return counts[0]!.n > 0 ? counts[0]!.d : ',';
  } finally {
    await handle.close();
  }
}

/**
 * Imports a CSV with a header row into a new list. Rows are written in batches
 * under a list marked 'importing', made visible only when the whole file is in;
 * any failure discards the list, so an import is all or nothing.
 */
export async function importCsv(repos: Repositories, options: ImportOptions): Promise<ImportReport> {
  if (!existsSync(options.path)) throw new ImportError(`The file ${options.path} does not exist.`);
  const size = statSync(options.path).size;
  if (size === 0) throw new ImportError('The file is empty.');
  if (size > options.maxBytes) throw new ImportError(`The file is ${size} bytes; the limit is ${options.maxBytes} bytes.`);
  const delimiter = await sniffDelimiter(options.path);
  const listName = options.listName ?? basename(options.path);
  const listId = repos.lists.create({ name: listName, sourceFile: basename(options.path), createdBy: options.createdBy, createdAt: options.now });
  try {
    return await readInto(repos, listId, listName, delimiter, options);
  } catch (error) {
    repos.lists.discard(listId);
    throw error;
  }
}

async function readInto(repos: Repositories, listId: number, listName: string, delimiter: string, options: ImportOptions): Promise<ImportReport> {
  const parser = createReadStream(options.path).pipe(
    parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  const report: ImportReport = {
    listId,
    listName,
    rowsRead: 0,
    valid: 0,
    invalid: {},
    duplicates: 0,
    optedOut: 0,
    fixedLine: 0,
    format: 'CSV',
    encoding: 'UTF-8',
    delimiter,
    phoneColumn: '',
    nameColumn: null,
    variables: [],
    rejectedFile: null,
  };
  const rejected: RejectedRow[] = [];
  let headers: string[] | undefined;
  let names: string[] = [];
  let phoneIndex = -1;
  let nameIndex = -1;
  let batch: NewContact[] = [];
  const seen = new Set<string>();

  const flush = () => {
    const rows = batch;
    batch = [];
    inTransaction(repos.db, () => {
      for (const contact of rows) if (!repos.contacts.insert(listId, contact)) report.duplicates++;
    });
  };

  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const cells = record.record;
    if (!headers) {
      headers = cells.map((c) => c.trim());
      phoneIndex = findPhoneColumn(headers, options.phoneColumn);
      if (phoneIndex === -1) {
        throw new ImportError(
          options.phoneColumn
            ? `There is no column "${options.phoneColumn}". Columns: ${headers.join(', ')}`
            : `No phone column found. Columns: ${headers.join(', ')}. Name it with phone=<column>.`,
        );
      }
      nameIndex = findNameColumn(headers, options.nameColumn);
      names = variableNames(headers);
      report.phoneColumn = headers[phoneIndex]!;
      report.nameColumn = nameIndex === -1 ? null : headers[nameIndex]!;
      report.variables = names.filter((_, i) => i !== phoneIndex);
      continue;
    }
    report.rowsRead++;
    const line = record.info.lines;
    const raw = cells[phoneIndex] ?? '';
    const phone = normalisePhone(raw, options.country);
    if (!phone.ok) {
      report.invalid[phone.reason] = (report.invalid[phone.reason] ?? 0) + 1;
      rejected.push({ line, value: raw, reason: phone.reason });
      continue;
    }
    if (seen.has(phone.e164)) {
      report.duplicates++;
      rejected.push({ line, value: raw, reason: 'duplicate' });
      continue;
    }
    seen.add(phone.e164);
    if (repos.optOuts.has(phone.e164)) report.optedOut++;
    if (phone.lineType === 'fixed_line') report.fixedLine++;
    const fields: Record<string, string> = {};
    cells.forEach((value, i) => {
      if (i !== phoneIndex && value.trim() !== '') fields[names[i] ?? `column_${i + 1}`] = value.trim();
    });
    batch.push({ phone: phone.e164, name: nameIndex === -1 ? null : (cells[nameIndex]?.trim() || null), fields, lineType: phone.lineType });
    report.valid++;
    if (batch.length >= BATCH) {
      flush();
      options.onProgress?.(report.rowsRead);
    }
  }
  if (!headers) throw new ImportError('The file has no rows.');
  if (batch.length > 0) flush();
  if (report.rowsRead === 0) throw new ImportError('The file has a header but no rows.');
  if (rejected.length > 0) report.rejectedFile = await writeRejected(options.exportsDir, listId, rejected);
  repos.lists.finish(listId, report.valid, JSON.stringify(report));
  return report;
}

async function writeRejected(dir: string, listId: number, rows: RejectedRow[]): Promise<string> {
  const path = join(dir, `list-${listId}-rejected.csv`);
  const out = createWriteStream(path);
  out.write(csvLine(['line', 'value', 'reason']));
  for (const row of rows) out.write(csvLine([row.line, row.value, row.reason]));
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return path;
}
