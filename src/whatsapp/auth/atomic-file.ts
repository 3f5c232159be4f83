import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Where a write to `path` is staged; `isStagingFile` recognises leftovers of a killed writer. */
export function stagingPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

export function isStagingFile(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/**
 * Replaces `path` with `data` so that a crash at any instant leaves either the
 * old file or the new one, never a mix: write a staging file, fsync it, rename
 * it over the target. The rename itself is durable only once the directory is
 * synced; callers writing many files sync the directory once at the end.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: { mode?: number; syncDir?: boolean } = {}): Promise<void> {
  const staging = stagingPathFor(path);
  const handle = await open(staging, 'w', options.mode ?? 0o600);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(staging, path);
  } catch (error) {
    await unlink(staging).catch(() => undefined);
    throw error;
  }
  if (options.syncDir ?? true) await syncDirectory(dirname(path));
}

/** Makes renames and unlinks in `dir` durable. Some platforms cannot open a directory; there the rename is as durable as it gets. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM' && code !== 'EBADF') throw error;
  } finally {
    await handle.close();
  }
}

/** The file's text, or undefined when there is no such file. Any other failure is thrown. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
