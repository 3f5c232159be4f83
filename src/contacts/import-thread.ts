import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { ImportError } from '../core/errors.js';
import type { Repositories } from '../db/repositories.js';
import type { ImportReport } from './import-report.js';
import type { ImportRun } from './import-options.js';
import { RejectedRowsFile } from './rejected-rows.js';
import { stoppedByShutdown } from './running-imports.js';
import { compiledWorker } from './worker-file.js';

export type ImportThreadMessage =
  | { type: 'list'; listId: number }
  | { type: 'progress'; rows: number }
  | { type: 'done'; report: ImportReport }
  | { type: 'failed'; name: string; message: string };

/**
 * Heap limits for the import thread. A small old generation keeps V8
 * collecting instead of growing the heap; a workbook's reader holds its shared
 * strings (at most 64 MB of text, see XLSX_LIMITS), so it gets more room, and
 * no more: whatever a file does, it can cost this thread, not the app.
 */
const TEXT_HEAP = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };
const WORKBOOK_HEAP = { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 16 };

export function importThreadFile(): string | undefined {
  return compiledWorker('import-worker');
}

/**
 * Runs an import on its own thread and relays its progress. If the thread
 * dies (out of memory, say), the list it started is discarded here, so the
 * import stays all or nothing.
 */
export function runImportThread(file: string, repos: Repositories, run: ImportRun, onProgress: (rows: number) => void, workbook: boolean, signal?: AbortSignal): Promise<ImportReport> {
  return new Promise<ImportReport>((resolve, reject) => {
    const worker = new Worker(file, { workerData: { dbPath: repos.db.name, run }, resourceLimits: workbook ? WORKBOOK_HEAP : TEXT_HEAP });
    let listId: number | undefined;
    let settled = false;
    let stopped = false;
    const stop = () => {
      stopped = true;
      void worker.terminate();
    };
    signal?.addEventListener('abort', stop, { once: true });
    const finished = () => signal?.removeEventListener('abort', stop);
    const crashed = (why: string) => {
      if (settled) return;
      settled = true;
      finished();
      try {
        if (listId !== undefined) {
          rmSync(new RejectedRowsFile(run.exportsDir, listId).path, { force: true });
          repos.lists.discard(listId);
        }
      } catch {
        // In an event handler a throw would end the process; the list stays hidden ('importing') and start-up discards it.
      }
      reject(stopped ? stoppedByShutdown() : new ImportError(`The import stopped before the end (${why}); nothing was imported.`));
    };
    worker.on('message', (message: ImportThreadMessage) => {
      if (message.type === 'list') listId = message.listId;
      else if (message.type === 'progress') onProgress(message.rows);
      else if (message.type === 'done') {
        settled = true;
        finished();
        resolve(message.report);
      } else {
        settled = true;
        finished();
        reject(message.name === 'ImportError' ? new ImportError(message.message) : new Error(message.message));
      }
    });
    worker.on('error', (error) => crashed(error.message));
    worker.on('exit', (code) => crashed(`exit code ${code}`));
  });
}
