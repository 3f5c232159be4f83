/** Below this, starting threads costs more than it saves for a plain CSV. */
export const WORKERS_FROM_BYTES = 2 * 1024 * 1024;

export type FileShape = 'zip' | 'vcard' | 'text';

const ZIP_MAGIC = 0x04034b50;

/** What the first bytes say: a ZIP (an .xlsx, or anything zipped), a vCard (in UTF-8 or UTF-16), or other text. */
export function fileShape(head: Buffer): FileShape {
  if (head.length >= 4 && head.readUInt32LE(0) === ZIP_MAGIC) return 'zip';
  // UTF-16 puts a NUL beside every ASCII letter; dropping them reads "BEGIN:VCARD" either way.
  const ascii = head.toString('latin1').replace(/\0/g, '').replace(/^(?:\uFEFF|ï»¿|ÿþ|þÿ)/, '');
  return /^\s*BEGIN:VCARD/i.test(ascii) ? 'vcard' : 'text';
}

/**
 * Whether an import runs on the import thread, under its memory limit. A ZIP
 * unpacks to far more than its size and a vCard's lines can run on, so both go
 * there whatever their size and however many cores there are: a hostile one
 * then costs the thread, never the app. A CSV goes there when it is big enough
 * to gain from it.
 */
export function readsOnImportThread(shape: FileShape, size: number, cores: number): boolean {
  if (shape !== 'text') return true;
  return size >= WORKERS_FROM_BYTES && cores > 1;
}
