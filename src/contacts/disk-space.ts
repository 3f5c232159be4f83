import { statfsSync } from 'node:fs';
import { ImportError } from '../core/errors.js';
import type { FileShape } from './import-placement.js';

const MB = 1024 * 1024;
/** Room kept for everything else zapcast writes (queue, receipts, logs) while an import runs. */
const HEADROOM = 64 * MB;
/** What an import can take on disk per byte of file: contacts and their index, the rejected rows; a workbook unpacks first. */
const GROWTH: Record<FileShape, number> = { text: 3, vcard: 3, zip: 20 };

/** Bytes free for this process at a path, as the file system says. */
export function freeBytesAt(path: string): number {
  const stats = statfsSync(path);
  return stats.bavail * stats.bsize;
}

export function spaceNeeded(size: number, shape: FileShape): number {
  return HEADROOM + size * GROWTH[shape];
}

/** Refuses an import, before anything is written, when the disk under the database could not hold it. */
export function checkFreeSpace(free: number, size: number, shape: FileShape): void {
  const needed = spaceNeeded(size, shape);
  if (free >= needed) return;
  throw new ImportError(
    `Not enough free disk space for this import: ${Math.floor(free / MB)} MB free where the database is, and it needs about ${Math.ceil(needed / MB)} MB. Free some space (old exports, logs) and /import the file again.`,
  );
}

const DISK_FULL = /database or disk is full|SQLITE_FULL|ENOSPC|no space left on device/i;

/** The operator's answer for a write that failed because the disk filled up during the import; undefined for any other failure. */
export function diskFullAnswer(error: unknown): ImportError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code !== 'SQLITE_FULL' && code !== 'ENOSPC' && !DISK_FULL.test(message)) return undefined;
  return new ImportError('The disk filled up during the import, so it stopped and nothing was imported. Free some space (old exports, logs) and /import the file again.');
}
