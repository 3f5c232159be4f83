import { lstatSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Removes files under `dir` last modified before `cutoff`, except those in
 * `keep` (absolute paths), and folders left empty by that (never `dir` itself,
 * nor a folder that was already empty: something may be about to write there).
 * Symbolic links are removed, never followed. Returns what it removed.
 */
export function pruneOldFiles(dir: string, cutoff: number, keep: ReadonlySet<string> = new Set()): string[] {
  const removed: string[] = [];
  const walk = (folder: string): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        const before = removed.length;
        walk(path);
        if (removed.length > before && readdirSync(path).length === 0) {
          rmdirSync(path);
          removed.push(path);
        }
      } else if (lstatSync(path).mtimeMs < cutoff && !keep.has(resolve(path))) {
        rmSync(path, { force: true });
        removed.push(path);
      }
    }
  };
  walk(dir);
  return removed;
}
