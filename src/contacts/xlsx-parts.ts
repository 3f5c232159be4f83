import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';

/**
 * The pieces of exceljs (and the unzip library it ships with) the workbook
 * reader is built from. exceljs's own streaming reader holds every shared
 * string whole and trusts every cell to carry its address; the reader here
 * uses its ZIP and XML layers and reads the parts itself, with limits.
 */
const fromHere = createRequire(import.meta.url);
const fromExceljs = createRequire(fromHere.resolve('exceljs'));

export interface SaxTag {
  name: string;
  attributes: Record<string, string>;
}

export type SaxEvent = { eventType: 'opentag'; value: SaxTag } | { eventType: 'closetag'; value: SaxTag } | { eventType: 'text'; value: string };

/** A part of the ZIP as it is unpacked. */
export interface ZipEntry extends Readable {
  path: string;
  autodrain(): { promise(): Promise<void> };
}

/** XML text in, batches of SAX events out (one batch per chunk). */
export const parseSax = fromExceljs('./lib/utils/parse-sax.js') as (chunks: AsyncIterable<Buffer | string>) => AsyncIterable<SaxEvent[]>;

const excelUtils = fromExceljs('./lib/utils/utils.js') as { isDateFmt(format: string): boolean; excelToDate(serial: number, date1904: boolean): Date };
const numFmt = fromExceljs('./lib/xlsx/xform/style/numfmt-xform.js') as { getDefaultFmtCode(id: number): string | undefined };
const unzipper = fromExceljs('unzipper') as { Parse(options: { forceStream: boolean }): NodeJS.ReadWriteStream & AsyncIterable<ZipEntry> };

export const isDateFormat = (format: string): boolean => excelUtils.isDateFmt(format);
export const excelDate = (serial: number, date1904: boolean): Date => excelUtils.excelToDate(serial, date1904);
export const builtInFormat = (id: number): string | undefined => numFmt.getDefaultFmtCode(id);
export const unzipStream = () => unzipper.Parse({ forceStream: true });
