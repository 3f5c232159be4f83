import { MAX_COLUMNS, type RawRow } from './candidate.js';
import { BATCH_ROWS } from './stream-batches.js';
import { tooManyRows } from './xlsx-budget.js';
import { CappedText } from './xlsx-shared-strings.js';
import { excelDate, parseSax } from './xlsx-parts.js';
import type { DateStyles } from './xlsx-styles.js';

export interface SheetContext {
  shared: readonly string[];
  dateStyles: DateStyles;
  date1904: boolean;
  maxCellChars: number;
  maxRows: number;
}

/** A cell as the text an operator sees: numbers stored as numbers keep every digit, dates are ISO dates. */
export function numberText(value: number): string {
  return Number.isInteger(value) ? value.toFixed(0) : String(value);
}

export function dateText(value: Date): string {
  const iso = value.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** "BC12" -> 55 (1-based); 0 when the reference names no column. */
export function columnOf(reference: string): number {
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
    const code = reference.charCodeAt(i) & ~0x20;
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column;
}

interface OpenCell {
  column: number;
  type: string;
  style: number;
  text: CappedText;
  hasValue: boolean;
}

function cellValue(cell: OpenCell, context: SheetContext): string {
  if (!cell.hasValue) return '';
  const raw = cell.text.take();
  switch (cell.type) {
    case 's':
      return context.shared[Number.parseInt(raw, 10)] ?? '';
    case 'str':
    case 'inlineStr':
      return raw;
    case 'b':
      return raw.trim() === '1' || raw.trim().toLowerCase() === 'true' ? 'TRUE' : 'FALSE';
    case 'e':
      return '';
    default: {
      const number = Number.parseFloat(raw);
      if (Number.isNaN(number)) return raw;
      if (context.dateStyles.has(cell.style)) {
        const date = excelDate(number, context.date1904);
        if (!Number.isNaN(date.getTime())) return dateText(date);
      }
      return numberText(number);
    }
  }
}

/**
 * Streams the rows of one worksheet's XML in batches. Rows and cells without
 * an r= address (allowed by the format) follow the one before; cells past
 * MAX_COLUMNS (a stray value out at column XFD) are not contact columns and
 * are left out; blank rows are skipped but counted against `maxRows`, so a
 * sheet of a million empty rows is refused early instead of read for minutes.
 */
export async function* readSheetRows(xml: AsyncIterable<Buffer>, context: SheetContext): AsyncGenerator<RawRow[]> {
  let batch: RawRow[] = [];
  let inSheetData = false;
  let rowsSeen = 0;
  let rowNumber = 0;
  let cells: string[] | undefined;
  let column = 0;
  let cell: OpenCell | undefined;
  let inValue = false;
  for await (const events of parseSax(xml)) {
    for (const event of events) {
      if (event.eventType === 'text') {
        if (inValue && cell) cell.text.add(event.value);
        continue;
      }
      const { name, attributes } = event.value;
      if (event.eventType === 'opentag') {
        if (name === 'sheetData') inSheetData = true;
        else if (name === 'row' && inSheetData) {
          rowsSeen++;
          if (rowsSeen > context.maxRows + 1) throw tooManyRows(context.maxRows);
          const r = Number.parseInt(attributes.r ?? '', 10);
          rowNumber = Number.isNaN(r) ? rowNumber + 1 : r;
          cells = [];
          column = 0;
        } else if (name === 'c' && cells) {
          const at = attributes.r ? columnOf(attributes.r) : 0;
          column = at > 0 ? at : column + 1;
          cell = { column, type: attributes.t ?? 'n', style: Number(attributes.s ?? 0), text: new CappedText(context.maxCellChars), hasValue: false };
        } else if (cell && (name === 'v' || name === 't')) {
          // <v> holds a value, <t> the text of an inline string (several in rich text); a formula's <f> is not read.
          inValue = true;
          cell.hasValue = true;
        }
        continue;
      }
      if (name === 'v' || name === 't') inValue = false;
      else if (name === 'c' && cell && cells) {
        if (cell.column <= MAX_COLUMNS) {
          const value = cellValue(cell, context).trim();
          if (value !== '') {
            while (cells.length < cell.column - 1) cells.push('');
            cells[cell.column - 1] = value;
          }
        }
        cell = undefined;
      } else if (name === 'row' && cells) {
        if (cells.length > 0) batch.push({ line: rowNumber, cells });
        cells = undefined;
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      } else if (name === 'sheetData') inSheetData = false;
    }
  }
  if (batch.length > 0) yield batch;
}
