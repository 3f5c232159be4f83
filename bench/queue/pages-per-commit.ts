import { existsSync, statSync } from 'node:fs';
import type { Db } from '../../src/db/connection.js';

/** WAL header and per-frame header sizes (SQLite's WAL file format). */
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/**
 * Pages written per commit by `step`, read off the write-ahead log: every
 * commit appends each page it changed as one frame, so after a checkpoint that
 * empties the log, frames / commits is the pages per commit (what each fsync
 * carries). `step` must make exactly one commit per call.
 */
export function pagesPerCommit(db: Db, commits: number, step: () => boolean | void): number {
  const wal = `${db.name}-wal`;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const before = existsSync(wal) ? statSync(wal).size : 0;
  let made = 0;
  for (; made < commits; made++) if (step() === false) break;
  const after = statSync(wal).size;
  const frames = (after - Math.max(before, WAL_HEADER)) / (pageSize + FRAME_HEADER);
  return frames / Math.max(made, 1);
}
