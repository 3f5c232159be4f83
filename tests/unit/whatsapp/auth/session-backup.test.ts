import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backUpSessionFolder } from '../../../../src/whatsapp/auth/session-backup.js';
import { tempDir } from '../../../support/temp-dir.js';

describe('backing up a logged-out session', () => {
  it('moves the folder aside under a dated name, never over an earlier backup', async () => {
    const dir = tempDir();
    const folder = join(dir, 'main');
    const at = Date.UTC(2026, 0, 5, 12, 30, 15, 250);
    for (const round of [1, 2]) {
      mkdirSync(folder);
      writeFileSync(join(folder, 'creds.json'), `{"round":${round}}`);
      await backUpSessionFolder(folder, at);
    }
    expect(existsSync(folder)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['main.logged-out-2026-01-05T12-30-15Z', 'main.logged-out-2026-01-05T12-30-15Z-2']);
  });

  it('does nothing when there is no folder', async () => {
    expect(await backUpSessionFolder(join(tempDir(), 'missing'), 0)).toBeUndefined();
  });
});
