import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A logged-out WhatsApp login is moved aside as `<name>.logged-out-<UTC time>`
 * (optionally `-2`, `-3`…) next to the live session folders. Only names of that
 * shape are ever pruned: a live session folder is never touched.
 */
const BACKUP_NAME = /\.logged-out-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z(?:-\d+)?$/;

/** When the backup was made, read from its name; undefined for anything that is not a backup. */
export function authBackupTime(name: string): number | undefined {
  const match = BACKUP_NAME.exec(name);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const at = Date.UTC(year, month - 1, day, hour, minute, second);
  return Number.isNaN(at) ? undefined : at;
}

/** Removes login backups in `sessionsDir` made before `cutoff`; returns their paths. */
export function pruneAuthBackups(sessionsDir: string, cutoff: number): string[] {
  let names: string[];
  try {
    names = readdirSync(sessionsDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const at = authBackupTime(name);
    if (at === undefined || at >= cutoff) continue;
    rmSync(join(sessionsDir, name), { recursive: true, force: true });
    removed.push(join(sessionsDir, name));
  }
  return removed;
}
