import { Worker } from 'node:worker_threads';
import type { CountryCode } from 'libphonenumber-js';
import type { PhoneBatch } from './phone-batch.js';
import { compiledWorker } from './worker-file.js';

/** Turns batches of raw phones into normalised ones, on this thread or on worker threads. */
export interface PhoneNormaliser {
  /** Worker threads in use; 0 means this thread. */
  readonly threads: number;
  normalise(raws: string[]): Promise<PhoneBatch>;
  close(): Promise<void>;
}

class InlineNormaliser implements PhoneNormaliser {
  readonly threads = 0;
  constructor(private readonly country: CountryCode | undefined) {}

  async normalise(raws: string[]): Promise<PhoneBatch> {
    // Loaded on first use: a thread that hands phones to a phone thread never holds the numbering metadata.
    const { normaliseBatch } = await import('./normalise-batch.js');
    return normaliseBatch(raws, this.country);
  }

  async close(): Promise<void> {}
}

/** Its live data is the numbering metadata and one batch; small limits keep V8 collecting instead of growing the heap. */
const PHONE_THREAD_HEAP = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 };

interface Waiting {
  resolve(batch: PhoneBatch): void;
  reject(error: Error): void;
}

/** Batches go round-robin; answers are matched by id, so callers may keep several in flight. */
class WorkerPool implements PhoneNormaliser {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;

  constructor(file: string, readonly threads: number, country: CountryCode | undefined) {
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(file, { workerData: { country }, resourceLimits: PHONE_THREAD_HEAP });
      worker.on('message', (message: { id: number; batch: PhoneBatch }) => {
        const waiting = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        waiting?.resolve(message.batch);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`a phone-normalisation thread stopped (exit code ${code})`));
      });
      this.workers.push(worker);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }

  normalise(raws: string[]): Promise<PhoneBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise<PhoneBatch>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, raws });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/**
 * `threads` worker threads when asked for and the compiled worker is there;
 * otherwise this thread. Both run the same normaliseBatch.
 */
export function createPhoneNormaliser(country: CountryCode | undefined, threads: number): PhoneNormaliser {
  const file = threads > 0 ? compiledWorker('phone-worker') : undefined;
  return file ? new WorkerPool(file, threads, country) : new InlineNormaliser(country);
}
