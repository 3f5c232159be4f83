import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/connection.js';
import { ContactWriter, type ContactWriterPort, type WriterLimits, type WriterResult } from './contact-writer.js';
import { openImportConnection } from './import-connection.js';
import { RejectedRowsFile, type RejectedLayout } from './rejected-rows.js';
import type { RowBlock } from './row-block.js';
import { compiledWorker } from './worker-file.js';

export type WriterMessage = { type: 'block'; bytes: ArrayBuffer; rows: number; chars: number } | { type: 'finish' } | { type: 'discard' };
export type WriterReply = { type: 'ack' } | { type: 'done'; result: WriterResult } | { type: 'discarded' } | { type: 'failed'; message: string };

const encoder = new TextEncoder();

/** Blocks sent and not yet written; enough to cover a commit, bounded so a slow disk cannot fill memory. */
const MAX_UNACKED = 32;
/** Pending blocks stay encoded, off the heap; small limits keep V8 collecting instead of growing the heap. */
const WRITER_THREAD_HEAP = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };

/** A ContactWriter on its own thread, with the same contract. */
class WriterThread implements ContactWriterPort {
  private readonly worker: Worker;
  private unacked = 0;
  private waiting: (() => void)[] = [];
  private settle: { resolve(reply: WriterReply): void; reject(error: Error): void } | undefined;
  private failure: Error | undefined;
  private ended = false;

  constructor(
    file: string,
    data: { dbPath: string; listId: number; exportsDir: string; limits: WriterLimits; layout: RejectedLayout },
    private readonly rejectedPath: string,
  ) {
    this.worker = new Worker(file, { workerData: data, resourceLimits: WRITER_THREAD_HEAP });
    this.worker.on('message', (reply: WriterReply) => this.onReply(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.ended) this.fail(new Error(`the contact-writing thread stopped (exit code ${code})`));
    });
  }

  private onReply(reply: WriterReply): void {
    if (reply.type === 'ack') {
      this.unacked--;
      this.waiting.shift()?.();
      return;
    }
    if (reply.type === 'failed') return this.fail(new Error(reply.message));
    this.settle?.resolve(reply);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const wake of this.waiting.splice(0)) wake();
    this.settle?.reject(this.failure);
  }

  async write(block: RowBlock): Promise<void> {
    if (this.failure) throw this.failure;
    // JSON bytes, transferred: the writer keeps them off its heap until the commit that opens them.
    const bytes = encoder.encode(JSON.stringify(block)).buffer as ArrayBuffer;
    this.worker.postMessage({ type: 'block', bytes, rows: block.phones.length, chars: block.chars } satisfies WriterMessage, [bytes]);
    this.unacked++;
    while (this.unacked >= MAX_UNACKED && !this.failure) await new Promise<void>((wake) => this.waiting.push(wake));
    if (this.failure) throw this.failure;
  }

  private async ask(message: WriterMessage): Promise<WriterReply> {
    if (this.failure) throw this.failure;
    const reply = new Promise<WriterReply>((resolve, reject) => (this.settle = { resolve, reject }));
    this.worker.postMessage(message);
    try {
      return await reply;
    } finally {
      this.ended = true;
      await this.worker.terminate();
    }
  }

  async finish(): Promise<WriterResult> {
    const reply = await this.ask({ type: 'finish' });
    if (reply.type !== 'done') throw new Error(`the contact-writing thread answered ${reply.type}`);
    return reply.result;
  }

  async discard(): Promise<void> {
    try {
      await this.ask({ type: 'discard' });
    } catch {
      // The thread is gone (it failed, or ran out of memory): clean up what it may have left.
      this.ended = true;
      await this.worker.terminate();
      rmSync(this.rejectedPath, { force: true });
    }
  }
}

/** The writer on this thread, through a relaxed connection of its own. */
class LocalWriter implements ContactWriterPort {
  private readonly connection;
  private readonly writer;

  constructor(db: Db, listId: number, exportsDir: string, limits: WriterLimits, layout: RejectedLayout) {
    this.connection = openImportConnection(db);
    this.writer = new ContactWriter(this.connection.db, listId, new RejectedRowsFile(exportsDir, listId, layout), limits);
  }

  write(block: RowBlock): Promise<void> {
    return this.writer.write({ rows: block.phones.length, chars: block.chars, open: () => block });
  }

  async finish(): Promise<WriterResult> {
    try {
      return await this.writer.finish();
    } finally {
      this.connection.close();
    }
  }

  async discard(): Promise<void> {
    try {
      await this.writer.discard();
    } finally {
      this.connection.close();
    }
  }
}

/** A writer thread when asked for and available (a database file, the compiled worker); otherwise this thread. */
export function openContactWriter(db: Db, listId: number, exportsDir: string, limits: WriterLimits, threaded: boolean, layout: RejectedLayout): ContactWriterPort {
  const file = threaded && !db.memory ? compiledWorker('contact-writer-worker') : undefined;
  if (!file) return new LocalWriter(db, listId, exportsDir, limits, layout);
  return new WriterThread(file, { dbPath: db.name, listId, exportsDir, limits, layout }, new RejectedRowsFile(exportsDir, listId).path);
}
