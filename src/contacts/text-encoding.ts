import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { pipeline, type Readable, type Transform } from 'node:stream';
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
};

const ICONV_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'utf8',
  'utf-8-bom': 'utf8',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  'windows-1252': 'win1252',
};

export function bomEncoding(head: Buffer): TextEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * UTF-16 saved without a BOM, told by its NUL pattern: text in Latin script
 * has a NUL beside nearly every character, always on the same side (the high
 * byte). A binary file has NULs scattered on both sides.
 */
export function nulPatternEncoding(head: Buffer): TextEncoding | undefined {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.02) return 'utf-16le';
  if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.02) return 'utf-16be';
  return undefined;
}

/** How many bytes at the end of `chunk` start a UTF-8 sequence the chunk cuts short. */
function incompleteTail(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/**
 * Whether the whole file is valid UTF-8, read in chunks. A sheet saved by
 * Excel in Brazil or Spain is Windows-1252 throughout, so one invalid byte
 * anywhere decides the encoding of every row.
 */
export async function isUtf8File(path: string): Promise<boolean> {
  let carry = Buffer.alloc(0);
  for await (const piece of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const chunk = carry.length > 0 ? Buffer.concat([carry, piece]) : piece;
    const cut = chunk.length - incompleteTail(chunk);
    if (!isUtf8(chunk.subarray(0, cut))) return false;
    carry = Buffer.from(chunk.subarray(cut));
  }
  return carry.length === 0;
}

/** The start of a file as text, for sniffing; a character cut at the end is dropped. */
export function decodeSample(head: Buffer, encoding: TextEncoding): string {
  const text = iconv.decode(head, ICONV_NAMES[encoding], { stripBOM: true });
  return text.replace(/\uFFFD$/, '');
}

/** The file as a stream of strings, decoded as it is read (a UTF-8 BOM is left for the reader to drop). */
export function textStream(path: string, encoding: TextEncoding): Readable {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') return createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  // iconv-lite's decoder is a stream.Transform; its typings only say ReadWriteStream.
  const decoder = iconv.decodeStream(ICONV_NAMES[encoding]) as unknown as Transform;
  return pipeline(createReadStream(path, { highWaterMark: 1 << 16 }), decoder, () => undefined);
}
