import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError } from '../../src/core/errors.js';
import { AppProcess } from '../support/process/app-process.js';
import { appEnv } from '../support/process/app-env.js';
import { createTestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';

describe('one process per DATA_DIR', () => {
  it('refuses a second process on the same DATA_DIR, naming the pid that holds it, and lets one start after it stops', async () => {
    const cwd = tempDir();
    const first = AppProcess.start({ cwd, env: appEnv() });
    await first.waitForOutput(/console ready/, 15_000);

    const second = AppProcess.start({ cwd, env: appEnv() });
    const refused = await second.exited;
    expect(refused.code).toBe(1);
    expect(second.stderr().trim()).toBe(`zapcast failed to start: DATA_DIR ${join(cwd, 'data')} is in use by pid ${first.pid}; stop that process first, or give this one another DATA_DIR.`);
    expect(second.stdout()).toBe('');

    expect((await first.stop('SIGTERM')).code).toBe(0);
    expect(existsSync(join(cwd, 'data', 'zapcast.lock'))).toBe(false);
    const third = AppProcess.start({ cwd, env: appEnv() });
    await third.waitForOutput(/console ready/, 15_000);
    expect((await third.stop('SIGTERM')).code).toBe(0);
  }, 60_000);

  it('takes over the lock of a process that was killed', async () => {
    const cwd = tempDir();
    const killed = AppProcess.start({ cwd, env: appEnv() });
    await killed.waitForOutput(/console ready/, 15_000);
    expect((await killed.stop('SIGKILL')).signal).toBe('SIGKILL');

    const next = AppProcess.start({ cwd, env: appEnv() });
    await next.waitForOutput(/console ready/, 15_000);
    expect((await next.stop('SIGTERM')).code).toBe(0);
  }, 60_000);

  it('refuses a second app in the same process too', async () => {
    const dataDir = tempDir();
    const first = createTestApp({}, { dataDir });
    expect(() => createTestApp({}, { dataDir })).toThrow(DataDirInUseError);
    await first.stop();
    await createTestApp({}, { dataDir }).stop();
  });
});
