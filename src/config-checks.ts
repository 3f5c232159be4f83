import { accessSync, constants, statSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { dirname, resolve } from 'node:path';
import type { Config } from './config.js';
import { ConfigError } from './core/errors.js';

/**
 * Settings that are well formed but cannot work on this machine: a data folder
 * that is a file (DATA_DIR=/dev/null) or not writable, a health address that
 * does not resolve. Checked before anything starts, so they are refused like
 * any bad setting (one line each, exit code 2) instead of failing halfway
 * through the start. Nothing is created here.
 */
export async function checkMachineSettings(config: Config): Promise<void> {
  const problems = [folderProblem('DATA_DIR', config.dataDir), folderProblem('SESSIONS_DIR', config.sessionsDir)];
  if (config.health.port !== 0) problems.push(await hostProblem(config.health.host));
  const found = problems.filter((problem): problem is string => problem !== undefined);
  if (found.length > 0) throw new ConfigError(found);
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}

/** The folder, or the nearest folder above it that exists (zapcast creates the rest), must be a folder this user can write in. */
export function folderProblem(key: 'DATA_DIR' | 'SESSIONS_DIR', path: string): string | undefined {
  const expected = `${key}=${JSON.stringify(path)} is invalid: expected a folder zapcast can create and write in`;
  let at = resolve(path);
  for (;;) {
    let isFolder: boolean;
    try {
      isFolder = statSync(at).isDirectory();
    } catch (error) {
      if ((codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') && dirname(at) !== at) {
        at = dirname(at);
        continue;
      }
      return `${expected} (${codeOf(error)}).`;
    }
    if (!isFolder) return `${expected} (${at} is not a folder).`;
    try {
      accessSync(at, constants.W_OK | constants.X_OK);
      return undefined;
    } catch (error) {
      return `${expected} (${at}: ${codeOf(error)}).`;
    }
  }
}

async function hostProblem(host: string): Promise<string | undefined> {
  try {
    await lookup(host);
    return undefined;
  } catch (error) {
    return `HEALTH_HOST=${JSON.stringify(host)} is invalid: expected an address of this machine to listen on, such as 127.0.0.1 or 0.0.0.0 (${codeOf(error)}).`;
  }
}
