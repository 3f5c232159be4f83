import { parentPort, workerData } from 'node:worker_threads';
import { ContactListsRepo } from '../db/repos/contact-lists-repo.js';
import { ContactsRepo } from '../db/repos/contacts-repo.js';
import { openDurableConnection } from './import-connection.js';
import type { ImportRun } from './import-options.js';
import type { ImportThreadMessage } from './import-thread.js';
import { runImport } from './run-import.js';

/** An import thread: runs one import against the database file and reports back. */
const data = workerData as { dbPath: string; run: ImportRun };
const port = parentPort;
if (!port) throw new Error('import-worker runs as a worker thread');
const send = (message: ImportThreadMessage) => port.postMessage(message);
const db = openDurableConnection(data.dbPath);
try {
  const store = { db, lists: new ContactListsRepo(db), contacts: new ContactsRepo(db) };
  const hooks = { onList: (listId: number) => send({ type: 'list', listId }), onProgress: (rows: number) => send({ type: 'progress', rows }) };
  send({ type: 'done', report: await runImport(store, data.run, hooks, true) });
} catch (error) {
  const failure = error instanceof Error ? error : new Error(String(error));
  send({ type: 'failed', name: failure.name, message: failure.message });
} finally {
  db.close();
}
