import { openSync, writeSync, closeSync } from 'node:fs';
import { constants, createDeflateRaw, crc32 } from 'node:zlib';

/** One part of a hand-built workbook: its text, or pieces of it given one at a time (a part too big to hold). */
export interface Part {
  name: string;
  content: string | (() => Iterable<string>);
}

async function deflate(pieces: Iterable<string>): Promise<{ data: Buffer; crc: number; size: number }> {
  const deflater = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    const bytes = Buffer.from(piece, 'utf8');
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflater.write(bytes)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

/**
 * Writes an .xlsx by hand (a ZIP of XML parts), for workbooks no spreadsheet
 * writes: cells without addresses, a value out at column XFD, shared strings
 * that unpack to far more than the file's size.
 */
export async function writeXlsx(path: string, parts: Part[]): Promise<void> {
  const fd = openSync(path, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  try {
    for (const part of parts) {
      const { data, crc, size } = await deflate(typeof part.content === 'string' ? [part.content] : part.content());
      const name = Buffer.from(part.name, 'utf8');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6);
      local.writeUInt16LE(8, 8);
      local.writeUInt32LE(crc >>> 0, 14);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(size >>> 0, 22);
      local.writeUInt16LE(name.length, 26);
      writeSync(fd, local);
      writeSync(fd, name);
      writeSync(fd, data);
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(20, 4);
      entry.writeUInt16LE(20, 6);
      entry.writeUInt16LE(0x0800, 8);
      entry.writeUInt16LE(8, 10);
      entry.writeUInt32LE(crc >>> 0, 16);
      entry.writeUInt32LE(data.length, 20);
      entry.writeUInt32LE(size >>> 0, 24);
      entry.writeUInt16LE(name.length, 28);
      entry.writeUInt32LE(offset, 42);
      central.push(entry, name);
      offset += local.length + name.length + data.length;
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(parts.length, 8);
    end.writeUInt16LE(parts.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    writeSync(fd, directory);
    writeSync(fd, end);
  } finally {
    closeSync(fd);
  }
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Contacts" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = `</sheetData></worksheet>`;

/** A one-sheet workbook whose sheet XML (inside <sheetData>) and shared strings are given, in the order Excel stores them. */
export function workbookParts(sheetData: string | (() => Iterable<string>), sharedStrings: string | (() => Iterable<string>) = ''): Part[] {
  const sheet =
    typeof sheetData === 'string'
      ? SHEET_HEAD + sheetData + SHEET_TAIL
      : function* () {
          yield SHEET_HEAD;
          yield* sheetData();
          yield SHEET_TAIL;
        };
  const head = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;
  const shared =
    typeof sharedStrings === 'string'
      ? `${head}${sharedStrings}</sst>`
      : function* () {
          yield head;
          yield* sharedStrings();
          yield '</sst>';
        };
  return [
    { name: '[Content_Types].xml', content: CONTENT_TYPES },
    { name: 'xl/workbook.xml', content: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', content: RELS },
    { name: 'xl/worksheets/sheet1.xml', content: sheet },
    { name: 'xl/sharedStrings.xml', content: shared },
  ];
}

/**
 * The workbook of the attack: one contact row, and shared strings that unpack
 * to `expandMb` MB of text from a file of about a thousandth of that.
 */
export async function writeSharedStringBomb(path: string, expandMb: number): Promise<void> {
  const piece = `<si><t>${'A'.repeat(1_048_560)}</t></si>`;
  const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>phone</t></is></c></row>';
  await writeXlsx(
    path,
    workbookParts(`${header}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>5511987654321</v></c></row>`, function* () {
      for (let i = 0; i < expandMb; i++) yield piece;
    }),
  );
}

/** A vCard whose one NOTE is `mb` MB of quoted-printable soft line breaks: the file that held the main thread for 88 s. */
export function vcardSoftBreakBomb(mb: number): string {
  const line = '=41=42=43=44=45=46=47=48=49=4A=4B=4C=4D=4E=4F=50=51=52=53=54=55=56=57=58=59=\r\n';
  const lines = Math.ceil((mb * 1024 * 1024) / line.length);
  return `BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ana\r\nTEL;CELL:+5511987654321\r\nNOTE;ENCODING=QUOTED-PRINTABLE:=\r\n${line.repeat(lines)}X\r\nEND:VCARD\r\n`;
}
