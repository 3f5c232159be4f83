import { chmodSync, existsSync } from 'node:fs';

/**
 * Everything zapcast writes (the database, uploaded contact files, exports,
 * logins) is personal data: new folders are 0700 and new files 0600 for the
 * whole process, as sessions/ already were, whichever library creates them.
 */
export function restrictNewFiles(): void {
  process.umask(0o077);
}

/**
 * A data folder made by an earlier version (0755) is closed too: with the
 * folder 0700, nothing in it can be read by another user, whatever its own
 * mode. A folder still to be created gets 0700 from the umask.
 */
export function closeDataFolder(path: string): void {
  if (existsSync(path)) chmodSync(path, 0o700);
}
