import { parentPort, workerData } from 'node:worker_threads';
import type { CountryCode } from 'libphonenumber-js';
import { normaliseBatch } from './normalise-batch.js';

/** A phone-normalisation thread: batches of raw phones in, PhoneBatch out. */
const country = (workerData as { country: CountryCode | undefined }).country;
const port = parentPort;
if (!port) throw new Error('phone-worker runs as a worker thread');
port.on('message', (message: { id: number; raws: string[] }) => {
  const batch = normaliseBatch(message.raws, country);
  port.postMessage({ id: message.id, batch }, [batch.codes.buffer as ArrayBuffer]);
});
