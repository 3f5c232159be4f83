import { existsSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { syncDirectory } from './atomic-file.js';

function stamp(now: number): string {
  return new Date(now).toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/**
 * Moves a session folder aside as `<folder>.logged-out-<UTC time>` (WhatsApp
 * ended the link, or an operator did), so a fresh pairing starts from an empty
 * folder and the old credentials stay for inspection. Undefined when there was
 * no folder.
 */
export async function backUpSessionFolder(folder: string, now: number): Promise<string | undefined> {
  if (!existsSync(folder)) return undefined;
  const base = `${folder}.logged-out-${stamp(now)}`;
  let target = base;
  for (let n = 2; existsSync(target); n++) target = `${base}-${n}`;
  renameSync(folder, target);
  await syncDirectory(dirname(folder));
  return target;
}
