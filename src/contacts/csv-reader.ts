import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { ImportError } from '../core/errors.js';
import { MAX_COLUMNS, type RawRow } from './candidate.js';
import type { Delimiter } from './csv-dialect.js';
import { streamBatches } from './stream-batches.js';
import { textStream, type TextEncoding } from './text-encoding.js';

/** One record longer than this is not a contact: the file is something else, or broken. */
const MAX_RECORD_CHARS = 1_000_000;

function countNewlines(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    if (!cell.includes('\n')) continue;
    for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) count++;
  }
  return count;
}

function readableProblem(error: unknown): unknown {
  if (error instanceof ImportError) return error;
  const csv = error as { code?: string; lines?: number; message?: string };
  if (typeof csv.code !== 'string' || !csv.code.startsWith('CSV_')) return error;
  const where = csv.lines ? `Line ${csv.lines}` : 'The file';
  switch (csv.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new ImportError(`${where}: a quoted value is never closed (a " without its closing "). Fix the quote or remove it.`);
    case 'CSV_MAX_RECORD_SIZE':
      return new ImportError(`${where} is longer than ${MAX_RECORD_CHARS} characters; this does not look like a contact file.`);
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new ImportError(`${where}: a quoted value is followed by more text before the next separator.`);
    default:
      return new ImportError(`${where} cannot be read as CSV: ${csv.message ?? csv.code}`);
  }
}

/**
 * Streams the rows of a delimited text file. Lines are counted here (csv-parse's
 * per-record info costs more than half its speed): each record takes one line
 * plus the newlines quoted inside it. Blank rows are skipped. Rows come in batches.
 */
export async function* readCsvRows(path: string, delimiter: Delimiter, encoding: TextEncoding, firstLine = 1): AsyncGenerator<RawRow[]> {
  const parser = parse({
    from_line: firstLine,
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  // UTF-8 goes to the parser as bytes; other encodings are decoded to text first.
  const source = encoding === 'utf-8' || encoding === 'utf-8-bom' ? createReadStream(path, { highWaterMark: 1 << 16 }) : textStream(path, encoding);
  pipeline(source, parser, () => undefined);
  let line = firstLine;
  try {
    for await (const records of streamBatches<string[]>(parser)) {
      const rows: RawRow[] = [];
      for (const cells of records) {
        const start = line;
        line += 1 + countNewlines(cells);
        if (cells.length > MAX_COLUMNS) {
          throw new ImportError(`Line ${start} has ${cells.length} columns; a contact file has at most ${MAX_COLUMNS}. Is the separator right?`);
        }
        if (!cells.every((cell) => cell.trim() === '')) rows.push({ line: start, cells });
      }
      if (rows.length > 0) yield rows;
    }
  } catch (error) {
    throw readableProblem(error);
  } finally {
    parser.destroy();
  }
}
