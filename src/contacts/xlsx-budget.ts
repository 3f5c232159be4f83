import { ImportError } from '../core/errors.js';

/** How far a workbook may expand while it is read; a ZIP of a few MB can hold gigabytes. */
export interface XlsxLimits {
  /** Bytes unpacked from every part read (sheets, shared strings, styles), together. */
  maxUnpackedBytes: number;
  /** Shared-string text kept in memory, in bytes (a string's characters, plus what each costs to hold). */
  maxSharedTextBytes: number;
  /** Bytes between two tags: one text node, or one tag's attributes, that the XML parser would hold whole. */
  maxRunBytes: number;
  /** Rows read from a sheet, blank or not; a sheet of a million blank rows is not a contact file. */
  maxRows: number;
}

const MB = 1024 * 1024;

export const XLSX_LIMITS: Omit<XlsxLimits, 'maxRows'> = {
  maxUnpackedBytes: 512 * MB,
  maxSharedTextBytes: 64 * MB,
  maxRunBytes: 2 * MB,
};

const LESS_THAN = 0x3c;

export function expandsTooFar(bytes: number): ImportError {
  return new ImportError(`The workbook expands to more than ${Math.round(bytes / MB)} MB when unpacked; this is not a contact sheet (or it is too big: save it as CSV).`);
}

/**
 * Counts what is unpacked from a workbook as it streams, and stops it at the
 * limits: in total, and in one run without a tag (the XML parser keeps a text
 * node whole, so one 1 GB value would be held at once).
 */
export class UnpackBudget {
  private unpacked = 0;

  constructor(private readonly limits: Pick<XlsxLimits, 'maxUnpackedBytes' | 'maxRunBytes'>) {}

  async *counted(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let run = 0;
    for await (const chunk of source) {
      this.unpacked += chunk.length;
      if (this.unpacked > this.limits.maxUnpackedBytes) throw expandsTooFar(this.limits.maxUnpackedBytes);
      const first = chunk.indexOf(LESS_THAN);
      if (first === -1) run += chunk.length;
      else {
        if (run + first > this.limits.maxRunBytes) throw this.runTooLong();
        run = chunk.length - 1 - chunk.lastIndexOf(LESS_THAN);
      }
      if (run > this.limits.maxRunBytes) throw this.runTooLong();
      yield chunk;
    }
  }

  private runTooLong(): ImportError {
    return new ImportError(`The workbook holds a single value of more than ${Math.round(this.limits.maxRunBytes / MB)} MB; this is not a contact sheet.`);
  }
}

const ROW_TAG = Buffer.from('<row');
const TAG_END = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]);

export function tooManyRows(maxRows: number): ImportError {
  return new ImportError(`The sheet has more than ${maxRows} rows (blank rows count too), the most /import takes (IMPORT_MAX_ROWS). Split it, or raise the limit.`);
}

/**
 * Counts a sheet's <row> tags as its XML goes by unread (spooled to wait for
 * the shared strings), so a sheet of millions of blank rows is refused while
 * it is unpacked, not after hundreds of MB were written to disk.
 */
export async function* rowsCounted(source: AsyncIterable<Buffer>, maxRows: number): AsyncGenerator<Buffer> {
  let rows = 0;
  let carry = Buffer.alloc(0);
  for await (const chunk of source) {
    const text = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let at = text.indexOf(ROW_TAG);
    let scanned = 0;
    while (at !== -1 && at + ROW_TAG.length < text.length) {
      if (TAG_END.has(text[at + ROW_TAG.length]!)) rows++;
      scanned = at + ROW_TAG.length;
      at = text.indexOf(ROW_TAG, scanned);
    }
    if (rows > maxRows + 1) throw tooManyRows(maxRows);
    // A tag cut by the chunk's end is counted with the next one.
    const keepFrom = at === -1 ? Math.max(scanned, text.length - ROW_TAG.length) : at;
    carry = Buffer.from(text.subarray(keepFrom));
    yield chunk;
  }
}
