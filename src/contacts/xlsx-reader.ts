import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { ImportError } from '../core/errors.js';
import type { RawRow } from './candidate.js';
import { MAX_CELL_CHARS } from './cell-limits.js';
import { rowsCounted, UnpackBudget, XLSX_LIMITS, type XlsxLimits } from './xlsx-budget.js';
import { parseSax, unzipStream, type ZipEntry } from './xlsx-parts.js';
import { readSharedStrings } from './xlsx-shared-strings.js';
import { readSheetRows, type SheetContext } from './xlsx-sheet.js';
import { readDate1904, readDateStyles, type DateStyles } from './xlsx-styles.js';

const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const SHARED = 'xl/sharedStrings.xml';
const STYLES = 'xl/styles.xml';
const WORKBOOK = 'xl/workbook.xml';

function readableProblem(error: unknown): unknown {
  if (error instanceof ImportError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ImportError(`The .xlsx workbook cannot be read (${message}). Open it in a spreadsheet and save it again, or save it as CSV.`);
}

/** The parts [Content_Types].xml lists, so a sheet is read at once when nothing it needs is still to come. */
async function listedParts(xml: AsyncIterable<Buffer>): Promise<Set<string>> {
  const parts = new Set<string>();
  for await (const events of parseSax(xml)) {
    for (const event of events) {
      if (event.eventType === 'opentag' && event.value.name === 'Override') parts.add((event.value.attributes.PartName ?? '').replace(/^\//, ''));
    }
  }
  return parts;
}

class WorkbookState {
  shared: string[] = [];
  dateStyles: DateStyles = new Set();
  date1904 = false;
  /** Parts a sheet's cells refer to and not read yet; unknown (all of them) until [Content_Types].xml says. */
  awaited = new Set([SHARED, STYLES, WORKBOOK]);

  context(limits: XlsxLimits): SheetContext {
    return { shared: this.shared, dateStyles: this.dateStyles, date1904: this.date1904, maxCellChars: MAX_CELL_CHARS, maxRows: limits.maxRows };
  }
}

/**
 * Streams the rows of the first worksheet that has any, in batches. The
 * workbook is unzipped as it is read and everything unpacked is counted
 * against `limits`: a small file that expands to gigabytes is refused with a
 * clear answer, never held. A sheet stored before the shared strings it uses
 * waits in a temporary file (counted too), as Excel writes them in that order.
 */
export async function* readXlsxRows(path: string, maxRows: number, limits: XlsxLimits = { ...XLSX_LIMITS, maxRows }): AsyncGenerator<RawRow[]> {
  const budget = new UnpackBudget(limits);
  const state = new WorkbookState();
  const input = createReadStream(path);
  const zip = unzipStream();
  pipeline(input, zip, () => undefined);
  let spool: string | undefined;
  const waiting: string[] = [];
  try {
    for await (const entry of zip as AsyncIterable<ZipEntry>) {
      const name = entry.path;
      const xml = () => budget.counted(entry as AsyncIterable<Buffer>);
      if (name === '[Content_Types].xml') {
        const parts = await listedParts(xml());
        for (const part of [...state.awaited]) if (!parts.has(part)) state.awaited.delete(part);
      } else if (name === SHARED) state.shared = await readSharedStrings(xml(), MAX_CELL_CHARS, limits.maxSharedTextBytes);
      else if (name === STYLES) state.dateStyles = await readDateStyles(xml());
      else if (name === WORKBOOK) state.date1904 = await readDate1904(xml());
      else if (SHEET.test(name)) {
        if (state.awaited.size === 0) {
          let rows = 0;
          for await (const batch of readSheetRows(xml(), state.context(limits))) {
            rows += batch.length;
            yield batch;
          }
          if (rows > 0) return;
        } else {
          spool ??= mkdtempSync(join(tmpdir(), 'zapcast-sheet-'));
          const file = join(spool, `${waiting.length}.xml`);
          await pipelineAsync(Readable.from(rowsCounted(xml(), limits.maxRows)), createWriteStream(file, { mode: 0o600 }));
          waiting.push(file);
        }
        continue;
      } else {
        entry.autodrain();
        continue;
      }
      state.awaited.delete(name);
    }
    for (const file of waiting) {
      let rows = 0;
      // Counted once on the way in; read back as it was.
      for await (const batch of readSheetRows(createReadStream(file) as AsyncIterable<Buffer>, state.context(limits))) {
        rows += batch.length;
        yield batch;
      }
      if (rows > 0) return;
    }
  } catch (error) {
    throw readableProblem(error);
  } finally {
    input.destroy();
    (zip as unknown as Readable).destroy();
    if (spool) rmSync(spool, { recursive: true, force: true });
  }
}
