import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMachineSettings, folderProblem } from '../../src/config-checks.js';
import { ConfigError } from '../../src/core/errors.js';
import { tempDir } from '../support/temp-dir.js';
import { testConfig } from '../support/test-config.js';

async function problemsOf(overrides: Record<string, string>, dataDir: string): Promise<string[]> {
  try {
    await checkMachineSettings(testConfig({ SESSIONS_DIR: join(tempDir(), 'sessions'), ...overrides }, dataDir));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('settings checked against the machine', () => {
  it('refuses DATA_DIR=/dev/null in one line, naming the key', async () => {
    expect(await problemsOf({}, '/dev/null')).toEqual(['DATA_DIR="/dev/null" is invalid: expected a folder zapcast can create and write in (/dev/null is not a folder).']);
  });

  it('refuses a data folder below a file, and accepts one still to be created', () => {
    const root = tempDir();
    writeFileSync(join(root, 'file'), 'x');
    expect(folderProblem('DATA_DIR', join(root, 'file', 'data'))).toMatch(/^DATA_DIR=".*" is invalid: expected a folder zapcast can create and write in \(.*file is not a folder\)\.$/);
    expect(folderProblem('DATA_DIR', join(root, 'new', 'data'))).toBeUndefined();
  });

  it.skipIf(process.getuid?.() === 0)('refuses a sessions folder this user cannot write in', () => {
    const root = tempDir();
    mkdirSync(join(root, 'locked'));
    chmodSync(join(root, 'locked'), 0o500);
    expect(folderProblem('SESSIONS_DIR', join(root, 'locked', 'sessions'))).toMatch(/EACCES/);
  });

  it('refuses a health address that does not resolve, only when the endpoint is on', async () => {
    const dataDir = tempDir();
    expect(await problemsOf({ HEALTH_PORT: '8080', HEALTH_HOST: 'no-such-host.invalid' }, dataDir)).toEqual([
      'HEALTH_HOST="no-such-host.invalid" is invalid: expected an address of this machine to listen on, such as 127.0.0.1 or 0.0.0.0 (ENOTFOUND).',
    ]);
    expect(await problemsOf({ HEALTH_PORT: '0', HEALTH_HOST: 'no-such-host.invalid' }, dataDir)).toEqual([]);
    expect(await problemsOf({ HEALTH_PORT: '8080', HEALTH_HOST: '127.0.0.1' }, dataDir)).toEqual([]);
  });
});
