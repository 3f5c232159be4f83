import { createReadStream, createWriteStream, closeSync, openSync, readdirSync, readSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { rawCsvLine } from '../core/csv-write.js';

const BOM = '\uFEFF';
/** Several numbers in one cell, as import files and the rejected-rows file write them. */
const SEVERAL = /\s*(?::::|[\/;,|])\s*/;

/**
 * Whether a cell holds this number, however it was written: +55 11 98765-4321,
 * (11) 98765-4321, 0 11 98765-4321, 5511987654321, ="+5511987654321". Only
 * cells made of phone characters are looked at, so an order number that
 * happens to contain the digits is not taken for it.
 */
export function phoneMatcher(e164: string): (cell: string) => boolean {
  const digits = e164.replace(/\D/g, '');
  const national = parsePhoneNumberFromString(e164)?.nationalNumber ?? digits;
  const matches = (part: string) => {
    if (!/^[\s\d()+\-.='"]+$/.test(part)) return false;
    const written = part.replace(/\D/g, '');
    // A national number may carry a trunk prefix or a carrier code in front (0, 0 21).
    return written === digits || (written.endsWith(national) && written.length - national.length <= 3);
  };
  return (cell) => cell.split(SEVERAL).some(matches);
}

/** How one of our CSV files was written: with a BOM or not, and its separator (from its header line). */
function dialectOf(path: string): { bom: boolean; separator: string } {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const text = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8');
    const bom = text.startsWith(BOM);
    const header = text.replace(BOM, '').split(/\r?\n/)[0] ?? '';
    const counts = [',', ';', '\t'].map((separator) => ({ separator, n: header.split(separator).length }));
    return { bom, separator: counts.sort((a, b) => b.n - a.n)[0]!.separator };
  } finally {
    closeSync(fd);
  }
}

/** Rewrites one CSV without the rows `drop` picks; returns how many it dropped. */
async function scrubFile(path: string, drop: (cell: string) => boolean): Promise<number> {
  const { bom, separator } = dialectOf(path);
  const temporary = `${path}.scrubbing`;
  const out = createWriteStream(temporary);
  if (bom) out.write(BOM);
  let dropped = 0;
  try {
    const rows = createReadStream(path).pipe(parse({ bom: true, delimiter: separator, relax_column_count: true, relax_quotes: true }));
    for await (const row of rows as AsyncIterable<string[]>) {
      if (row.some(drop)) dropped++;
      else if (!out.write(rawCsvLine(row, separator))) await once(out, 'drain');
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  } catch (error) {
    out.destroy();
    rmSync(temporary, { force: true });
    throw error;
  }
  if (dropped > 0) renameSync(temporary, path);
  else rmSync(temporary, { force: true });
  return dropped;
}

/** Removes every row that holds this number from the CSV exports (reports, rejected rows); returns the rows removed. */
export async function scrubExports(exportsDir: string, e164: string): Promise<number> {
  let files: string[];
  try {
    files = readdirSync(exportsDir).filter((name) => name.toLowerCase().endsWith('.csv'));
  } catch {
    return 0;
  }
  const matcher = phoneMatcher(e164);
  let removed = 0;
  for (const name of files) removed += await scrubFile(join(exportsDir, name), matcher);
  return removed;
}
