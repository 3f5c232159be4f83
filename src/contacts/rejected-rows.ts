import { createWriteStream, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { csvLine } from '../core/csv-write.js';
import { clipToCharacters } from '../core/text-clip.js';

export interface RejectedRow {
  line: number;
  value: string;
  reason: string;
}

/** A raw value longer than this is cut in the file: enough to find the row, not a copy of a broken file. */
const MAX_VALUE_CHARS = 200;

/**
 * The rejected-rows CSV (line, value, reason), written as the import goes so a
 * big file's rejects never sit in memory. Created on the first rejected row.
 */
export class RejectedRowsFile {
  readonly path: string;
  private out: WriteStream | undefined;
  private rows = 0;

  constructor(dir: string, listId: number) {
    this.path = join(dir, `list-${listId}-rejected.csv`);
  }

  get count(): number {
    return this.rows;
  }

  async write(rows: readonly RejectedRow[]): Promise<void> {
    if (rows.length === 0) return;
    if (!this.out) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.out = createWriteStream(this.path);
      this.out.write(csvLine(['line', 'value', 'reason']));
    }
    for (const row of rows) {
      const value = clipToCharacters(row.value, MAX_VALUE_CHARS);
      if (!this.out.write(csvLine([row.line, value, row.reason]))) await once(this.out, 'drain');
    }
    this.rows += rows.length;
  }

  /** Finishes the file; returns its path, or null when no row was rejected. */
  async close(): Promise<string | null> {
    if (!this.out) return null;
    const out = this.out;
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return this.path;
  }

  /** The import failed: no file is left behind. */
  async discard(): Promise<void> {
    if (!this.out) return;
    const out = this.out;
    this.out = undefined;
    await new Promise<void>((resolve) => out.end(() => resolve()));
    rmSync(this.path, { force: true });
  }
}
