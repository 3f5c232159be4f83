import { basename } from 'node:path';
import { ImportError } from '../core/errors.js';
import type { Db } from '../db/connection.js';
import type { ContactListsRepo } from '../db/repos/contact-lists-repo.js';
import type { ContactsRepo } from '../db/repos/contacts-repo.js';
import { openContactSource } from './contact-source.js';
import type { ImportReport } from './import-report.js';
import type { ImportRun } from './import-options.js';
import { createPhoneNormaliser } from './phone-normaliser.js';
import { pump } from './pump.js';
import { sniffFile } from './sniff.js';
import { openContactWriter } from './writer-thread.js';

/** The durable side of an import: the list's life and the suppression-list count, on a synchronous=FULL connection. */
export interface ImportStore {
  db: Db;
  lists: ContactListsRepo;
  contacts: ContactsRepo;
}

export interface ImportHooks {
  /** The list exists (still 'importing'): whoever started the import can discard it if this thread dies. */
  onList(listId: number): void;
  onProgress(rows: number): void;
  /** Aborted when zapcast stops (on the app's thread; an import thread is stopped by ending it). */
  signal?: AbortSignal | undefined;
}

const WRITER_LIMITS = { commitRows: 50_000, commitChars: 8_000_000 };
/** One phone thread measured fastest on two cores: a second one only competes with the reader and the writer. */
const PHONE_THREADS = 1;

/**
 * One import, start to finish: sniff, plan the columns (refusing before any
 * list exists when it can), then write every contact under a list marked
 * 'importing' that becomes visible only when the whole file is in. Any failure
 * discards the list: an import is all or nothing.
 */
export async function runImport(store: ImportStore, run: ImportRun, hooks: ImportHooks, threaded: boolean): Promise<ImportReport> {
  const sniffed = await sniffFile(run.path);
  const source = await openContactSource(run.path, sniffed, { phone: run.phoneColumn, name: run.nameColumn }, run.maxRows);
  const fileName = run.fileName ?? basename(run.path);
  const listId = store.lists.create({ name: fileName, sourceFile: fileName, createdBy: run.createdBy, createdAt: run.now });
  hooks.onList(listId);
  const layout = { columns: source.columns, separator: run.exportSeparator ?? ',' };
  const writer = openContactWriter(store.db, listId, run.exportsDir, WRITER_LIMITS, threaded, layout);
  const normaliser = createPhoneNormaliser(run.country, threaded ? PHONE_THREADS : 0);
  try {
    const { rows, invalid } = await pump(source, normaliser, writer, { maxRows: run.maxRows, allPhones: run.allPhones ?? false, onProgress: hooks.onProgress, signal: hooks.signal });
    if (rows === 0) throw new ImportError('The file has no rows with contacts.');
    const written = await writer.finish();
    // A list with nobody on it would only invite a /send that cannot go anywhere.
    const kept = written.valid > 0;
    const report: ImportReport = {
      listId,
      kept,
      listName: fileName,
      format: source.format,
      encoding: source.encoding,
      delimiter: source.delimiter,
      header: source.header,
      phoneColumns: source.phoneColumns,
      nameColumns: source.nameColumns,
      variables: source.variables(),
      allPhones: run.allPhones ?? false,
      country: run.country ?? null,
      rowsRead: rows,
      valid: written.valid,
      invalid,
      duplicates: written.duplicates,
      optedOut: store.contacts.countOptedOut(listId),
      fixedLine: written.fixedLine,
      international: written.international,
      rejectedFile: written.rejectedFile,
    };
    if (kept) store.lists.finish(listId, report.valid, JSON.stringify(report));
    else store.lists.discard(listId);
    return report;
  } catch (error) {
    // On a full disk the discard may fail too; the list stays hidden ('importing') and start-up discards it.
    await writer.discard().catch(() => undefined);
    try {
      store.lists.discard(listId);
    } catch {
      // As above: the first failure is the one the operator needs to hear.
    }
    throw error;
  } finally {
    await normaliser.close();
  }
}
