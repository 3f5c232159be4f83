import { open } from 'node:fs/promises';
import { ImportError } from '../core/errors.js';
import { bomEncoding, decodeSample, isUtf8File, nulPatternEncoding, type TextEncoding } from './text-encoding.js';

export type FileKind = 'csv' | 'xlsx' | 'vcard';

export interface Sniffed {
  kind: FileKind;
  /** Text files only. */
  encoding: TextEncoding | null;
  /** The start of a text file, decoded; empty for a workbook. */
  sample: string;
  /** Whether the sample is the whole file. */
  sampleIsWhole: boolean;
}

const HEAD_BYTES = 64 * 1024;
const SUPPORTED = 'Send a CSV (or other delimited text), an .xlsx workbook or a .vcf contacts file.';

async function readHead(path: string): Promise<{ head: Buffer; size: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, bytesRead), size };
  } finally {
    await handle.close();
  }
}

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/** Files people send by mistake, recognised by their first bytes, with what to do instead. */
function refuseKnownBinary(head: Buffer): void {
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new ImportError(`This is an old Excel (.xls) or other Office 97 file, which cannot be read. Save it as .xlsx or CSV. ${SUPPORTED}`);
  }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) throw new ImportError(`This is a PDF, not a contact file. ${SUPPORTED}`);
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47]) || startsWith(head, [0xff, 0xd8, 0xff]) || startsWith(head, [0x47, 0x49, 0x46, 0x38])) {
    throw new ImportError(`This is a picture, not a contact file. ${SUPPORTED}`);
  }
  if (startsWith(head, [0x1f, 0x8b])) throw new ImportError(`This is a compressed (.gz) file. Unpack it first. ${SUPPORTED}`);
}

/** A ZIP is an .xlsx when it holds an "xl/" folder; other ZIPs (.docx, .ods, archives) are named. */
function zipKind(head: Buffer): FileKind {
  const names = head.toString('latin1');
  if (names.includes('xl/')) return 'xlsx';
  if (names.includes('opendocument.spreadsheet')) throw new ImportError(`This is an OpenDocument (.ods) sheet. Save it as .xlsx or CSV. ${SUPPORTED}`);
  if (names.includes('word/')) throw new ImportError(`This is a Word document, not a contact file. ${SUPPORTED}`);
  throw new ImportError(`This is a ZIP archive. Unpack it and send the contact file inside. ${SUPPORTED}`);
}

/** NUL bytes or many control characters in what should be text: a binary file. */
function looksBinary(head: Buffer): boolean {
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f) control++;
  }
  return control > head.length / 100;
}

/** Whether decoded text is mostly control characters (a binary file behind a UTF-16 BOM). */
function textLooksBinary(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0 || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c)) control++;
  }
  return control > text.length / 100;
}

/**
 * What kind of file this is and, for text, its encoding: a BOM decides;
 * otherwise UTF-8 when every byte of the file is valid UTF-8, else
 * Windows-1252 (what Excel writes in Brazil, Spain and Portugal).
 */
export async function sniffFile(path: string): Promise<Sniffed> {
  const { head, size } = await readHead(path);
  if (size === 0) throw new ImportError('The file is empty.');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { kind: zipKind(head), encoding: null, sample: '', sampleIsWhole: false };
  refuseKnownBinary(head);
  let encoding = bomEncoding(head) ?? nulPatternEncoding(head);
  if (encoding === undefined) {
    if (looksBinary(head)) throw new ImportError(`This file is binary, not text: it does not look like a contact file. ${SUPPORTED}`);
    encoding = (await isUtf8File(path)) ? 'utf-8' : 'windows-1252';
  }
  const sampleIsWhole = size <= head.length;
  const sample = decodeSample(head, encoding);
  if (encoding.startsWith('utf-16') && textLooksBinary(sample)) {
    throw new ImportError(`This file is binary, not text: it does not look like a contact file. ${SUPPORTED}`);
  }
  if (sampleIsWhole && sample.trim() === '') throw new ImportError('The file is empty.');
  // Web systems often export an HTML table (or Excel 2003 XML) under an .xls name.
  if (/^\s*</.test(sample) && /<(?:html|table|\?xml|workbook)\b/i.test(sample.slice(0, 4096))) {
    throw new ImportError(`This is a web page or XML file, not a sheet saved as CSV or .xlsx. Open it in a spreadsheet and save it as .xlsx or CSV. ${SUPPORTED}`);
  }
  const kind: FileKind = /^\s*BEGIN:VCARD/i.test(sample) ? 'vcard' : 'csv';
  return { kind, encoding, sample, sampleIsWhole };
}
