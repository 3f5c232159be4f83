import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { ImportError } from '../core/errors.js';
import { MAX_COLUMNS, type RawRow } from './candidate.js';
import { BATCH_ROWS } from './stream-batches.js';

/** A cell as the text an operator sees: numbers stored as numbers keep every digit, dates are ISO dates. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(cell.richText)) return cell.richText.map((part) => part.text).join('');
    if ('text' in cell) return cellText(cell.text);
    if ('result' in cell) return cellText(cell.result);
    if ('error' in cell) return '';
  }
  return String(value);
}

function readableProblem(error: unknown): unknown {
  if (error instanceof ImportError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ImportError(`The .xlsx workbook cannot be read (${message}). Open it in a spreadsheet and save it again, or save it as CSV.`);
}

/**
 * Streams the rows of the first worksheet that has any, in batches, without
 * loading the workbook: shared strings are cached, rows are read as the sheet
 * is unzipped.
 */
export async function* readXlsxRows(path: string): AsyncGenerator<RawRow[]> {
  const input = createReadStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    // Styles tell a date from a number.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const sheet of workbook) {
      let rows = 0;
      let batch: RawRow[] = [];
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const width = Math.max(0, values.length - 1);
        if (width > MAX_COLUMNS) throw new ImportError(`Row ${row.number} has ${width} columns; a contact file has at most ${MAX_COLUMNS}.`);
        const cells = new Array<string>(width);
        for (let i = 0; i < width; i++) cells[i] = cellText(values[i + 1]).trim();
        if (cells.every((cell) => cell === '')) continue;
        rows++;
        batch.push({ line: row.number, cells });
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      if (rows > 0) return;
    }
  } catch (error) {
    throw readableProblem(error);
  } finally {
    input.destroy();
  }
}
