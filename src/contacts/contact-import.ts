import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { availableParallelism } from 'node:os';
import { ImportError } from '../core/errors.js';
import type { Repositories } from '../db/repositories.js';
import type { ImportOptions } from './import-options.js';
import type { ImportReport } from './import-report.js';
import { importThreadFile, runImportThread } from './import-thread.js';
import { checkFreeSpace, diskFullAnswer, freeBytesAt } from './disk-space.js';
import { fileShape, readsOnImportThread } from './import-placement.js';
import { runImport } from './run-import.js';
import { stoppedByShutdown } from './running-imports.js';

export type { ImportOptions } from './import-options.js';

function checkFile(options: ImportOptions): number {
  if (!existsSync(options.path)) throw new ImportError(`The file ${options.fileName ?? options.path} does not exist.`);
  const size = statSync(options.path).size;
  if (size === 0) throw new ImportError('The file is empty.');
  if (size > options.maxBytes) {
    throw new ImportError(`The file is ${size} bytes; the most /import takes is ${options.maxBytes} bytes (IMPORT_MAX_BYTES). Split it, or raise the limit.`);
  }
  return size;
}

function headOf(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(64);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Imports a contact file (CSV in any common dialect and encoding, .xlsx, .vcf)
 * into a new list, all or nothing (see runImport). Big files are read on an
 * import thread, with phones normalised and contacts written on threads of
 * their own, so the app's thread stays free and memory stays bounded.
 */
export async function importContacts(repos: Repositories, options: ImportOptions): Promise<ImportReport> {
  const size = checkFile(options);
  const { workers, onProgress, freeBytes = freeBytesAt, signal, ...run } = options;
  if (signal?.aborted) throw stoppedByShutdown();
  const shape = fileShape(headOf(options.path));
  if (!repos.db.memory) checkFreeSpace(freeBytes(dirname(repos.db.name)), size, shape);
  const threaded = (workers ?? readsOnImportThread(shape, size, availableParallelism())) && !repos.db.memory;
  const file = threaded ? importThreadFile() : undefined;
  const hooks = { onList: () => undefined, onProgress: (rows: number) => onProgress?.(rows), signal };
  try {
    if (!file) return await runImport({ db: repos.db, lists: repos.lists, contacts: repos.contacts }, run, hooks, threaded);
    return await runImportThread(file, repos, run, hooks.onProgress, shape === 'zip', signal);
  } catch (error) {
    throw diskFullAnswer(error) ?? error;
  }
}
