import { createWriteStream, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { csvLine } from '../core/csv-write.js';
import { clipToCharacters } from '../core/text-clip.js';
import { BOM } from '../core/export-format.js';

export interface RejectedRow {
  line: number;
  /** Why, e.g. "too short", "duplicate of line 12". */
  reason: string;
  /** The whole row as it was in the file. */
  cells: string[];
}

/** How the file is laid out: the source's columns after line and reason, in the operator's CSV dialect. */
export interface RejectedLayout {
  columns: string[];
  separator: string;
}

/** A cell longer than this is cut in the file: enough to find the row, not a copy of a broken file. */
const MAX_CELL_CHARS = 200;

/**
 * The rejected-rows CSV: line, reason, then the whole original row under its
 * own column names, so the operator can correct the rows and import them
 * again. UTF-8 with a BOM, in the export separator. Written as the import goes,
 * so a big file's rejects never sit in memory; created on the first rejected row.
 */
export class RejectedRowsFile {
  readonly path: string;
  private out: WriteStream | undefined;
  private rows = 0;

  constructor(
    dir: string,
    listId: number,
    private readonly layout: RejectedLayout = { columns: [], separator: ',' },
  ) {
    this.path = join(dir, `list-${listId}-rejected.csv`);
  }

  get count(): number {
    return this.rows;
  }

  async write(rows: readonly RejectedRow[]): Promise<void> {
    if (rows.length === 0) return;
    const { separator, columns } = this.layout;
    if (!this.out) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.out = createWriteStream(this.path);
      this.out.write(BOM + csvLine(['line', 'reason', ...columns], separator));
    }
    for (const row of rows) {
      const cells = row.cells.map((cell) => clipToCharacters(cell, MAX_CELL_CHARS));
      if (!this.out.write(csvLine([row.line, row.reason, ...cells], separator))) await once(this.out, 'drain');
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
