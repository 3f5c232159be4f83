import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppProcess } from '../support/process/app-process.js';
import { appEnv } from '../support/process/app-env.js';
import { contacts, writeContactsCsv } from '../support/process/contacts-file.js';
import { tempDir } from '../support/temp-dir.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every file and folder under `root`, with its mode. */
function modesUnder(root: string): Array<[string, number]> {
  const found: Array<[string, number]> = [];
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    found.push([path.slice(root.length + 1), modeOf(path)]);
  }
  return found;
}

describe('the files zapcast writes', () => {
  it('are readable by their owner only: folders 0700, files 0600, and an older 0755 data folder is closed', async () => {
    const cwd = tempDir();
    writeContactsCsv(cwd, contacts(3));
    mkdirSync(join(cwd, 'data'));
    chmodSync(join(cwd, 'data'), 0o755);
    const app = AppProcess.start({ cwd, env: appEnv() });
    await app.waitForOutput(/console ready/, 15_000);
    await app.ask('/import contacts.csv', /Next: .*/, 30_000);
    await app.ask('/send 1 Hello {name}', /Start with \/run 1/);
    await app.ask('/run 1', /completed|finished/i, 30_000);
    await app.ask('/report 1', /campaign-1-report-.*\.csv/, 30_000);
    expect((await app.stop('SIGTERM')).code).toBe(0);

    expect(modeOf(join(cwd, 'data'))).toBe(0o700);
    const modes = modesUnder(join(cwd, 'data'));
    expect(modes.map(([path]) => path)).toEqual(expect.arrayContaining(['zapcast.db', 'exports']));
    for (const [path, mode] of modes) {
      const isFolder = statSync(join(cwd, 'data', path)).isDirectory();
      expect([path, mode]).toEqual([path, isFolder ? 0o700 : 0o600]);
    }
  }, 60_000);
});
