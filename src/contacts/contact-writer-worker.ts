import { parentPort, workerData } from 'node:worker_threads';
import { ContactWriter, type WriterLimits } from './contact-writer.js';
import { openRelaxedConnection } from './import-connection.js';
import { RejectedRowsFile, type RejectedLayout } from './rejected-rows.js';
import type { RowBlock } from './row-block.js';
import type { WriterMessage, WriterReply } from './writer-thread.js';

const decoder = new TextDecoder();

/** The writer thread: row blocks in, committed contacts out, so big commits never stall reading the file. */
const data = workerData as { dbPath: string; listId: number; exportsDir: string; limits: WriterLimits; layout: RejectedLayout };
const port = parentPort;
if (!port) throw new Error('contact-writer-worker runs as a worker thread');
const db = openRelaxedConnection(data.dbPath);
const writer = new ContactWriter(db, data.listId, new RejectedRowsFile(data.exportsDir, data.listId, data.layout), data.limits);
const reply = (message: WriterReply) => port.postMessage(message);

async function handle(message: WriterMessage): Promise<void> {
  switch (message.type) {
    case 'block': {
      const { bytes } = message;
      await writer.write({ rows: message.rows, chars: message.chars, open: () => JSON.parse(decoder.decode(bytes)) as RowBlock });
      reply({ type: 'ack' });
      return;
    }
    case 'finish': {
      const result = await writer.finish();
      db.close();
      reply({ type: 'done', result });
      return;
    }
    case 'discard':
      await writer.discard();
      db.close();
      reply({ type: 'discarded' });
      return;
  }
}

// One message at a time, in order: a block must be written before the next, and all before finish.
let queue = Promise.resolve();
port.on('message', (message: WriterMessage) => {
  queue = queue.then(() => handle(message)).catch((error: unknown) => reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
});
