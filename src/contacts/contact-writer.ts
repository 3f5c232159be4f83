import { inTransaction, type Db } from '../db/connection.js';
import { ContactsRepo } from '../db/repos/contacts-repo.js';
import type { RowBlock } from './row-block.js';
import type { RejectedRow, RejectedRowsFile } from './rejected-rows.js';

export interface WriterResult {
  valid: number;
  duplicates: number;
  fixedLine: number;
  /** Contacts written with their country code (the rest were read in the list's country). */
  international: number;
  rejectedFile: string | null;
}

/** Where row blocks go: a ContactWriter on this thread, or one on a writer thread. */
export interface ContactWriterPort {
  write(block: RowBlock): Promise<void>;
  /** Writes what is pending and closes; the contacts are committed when it resolves. */
  finish(): Promise<WriterResult>;
  /** Stops and removes the rejected-rows file; the list's contacts are dropped with the list. */
  discard(): Promise<void>;
}

/** A block waiting for its commit, opened only then (a writer thread keeps it encoded until then, off the heap). */
export interface PendingBlock {
  rows: number;
  chars: number;
  open(): RowBlock;
}

export interface WriterLimits {
  /** Contacts per transaction. */
  commitRows: number;
  /** Characters per transaction, for files of huge rows. */
  commitChars: number;
}

/**
 * Writes contacts in large transactions: every commit rewrites the pages of
 * the list's unique (list, phone) index it touched, and with numbers in file
 * order that is most of them, so few big commits beat many small ones by far.
 * The index tells duplicates; rejected rows reach the file in line order.
 */
export class ContactWriter {
  private readonly contacts: ContactsRepo;
  private pending: PendingBlock[] = [];
  private pendingRows = 0;
  private pendingChars = 0;
  private readonly counts = { valid: 0, duplicates: 0, fixedLine: 0, international: 0 };

  constructor(
    private readonly db: Db,
    private readonly listId: number,
    private readonly rejected: RejectedRowsFile,
    private readonly limits: WriterLimits,
  ) {
    this.contacts = new ContactsRepo(db);
  }

  async write(block: PendingBlock): Promise<void> {
    this.pending.push(block);
    this.pendingRows += block.rows;
    this.pendingChars += block.chars;
    if (this.pendingRows >= this.limits.commitRows || this.pendingChars >= this.limits.commitChars) await this.flush();
  }

  private async flush(): Promise<void> {
    const blocks = this.pending;
    this.pending = [];
    this.pendingRows = 0;
    this.pendingChars = 0;
    const refused: RejectedRow[] = [];
    inTransaction(this.db, () => {
      for (const pending of blocks) {
        const block = pending.open();
        for (let i = 0; i < block.phones.length; i++) {
          const lineType = block.lineTypes[i]!;
          const phone = block.phones[i]!;
          const line = block.lines[i]!;
          if (this.contacts.insert(this.listId, { phone, name: block.names[i]!, fields: block.fields[i]!, lineType, line })) {
            this.counts.valid++;
            if (lineType === 'fixed_line') this.counts.fixedLine++;
            if (block.international[i]) this.counts.international++;
          } else {
            this.counts.duplicates++;
            const first = this.contacts.sourceLine(this.listId, phone);
            refused.push({ line, reason: first === undefined || first === line ? 'duplicate' : `duplicate of line ${first}`, cells: block.cells[i]! });
          }
        }
        for (const row of block.rejected) refused.push(row);
      }
    });
    await this.rejected.write(refused.sort((a, b) => a.line - b.line));
  }

  async finish(): Promise<WriterResult> {
    await this.flush();
    return { ...this.counts, rejectedFile: await this.rejected.close() };
  }

  async discard(): Promise<void> {
    this.pending = [];
    await this.rejected.discard();
  }
}
