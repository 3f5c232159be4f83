import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { initAuthCreds } from 'baileys';
import { describe, expect, it } from 'vitest';
import { isLinked, loadFileAuthState } from '../../../../src/whatsapp/auth/file-auth-state.js';
import { runTsChild } from '../../../support/baileys/ts-child.js';
import { tempDir } from '../../../support/temp-dir.js';

describe('a process killed while saving its session', () => {
  it('leaves a folder that loads with the same linked credentials, every time', async () => {
    const folder = join(tempDir(), 'main');
    const setup = await loadFileAuthState(folder);
    Object.assign(setup.state.creds, initAuthCreds(), { registered: true, me: { id: '5511900000001:7@s.whatsapp.net', name: 'Shop' } });
    await setup.saveCreds();
    const identity = Buffer.from(setup.state.creds.signedIdentityKey.public).toString('hex');
    let lastRound = 0;

    for (let kill = 0; kill < 4; kill++) {
      const child = runTsChild('./auth-save-loop.ts', [folder]);
      await child.waitForLine(/^saving$/m);
      // Let it get well into its writes, a different amount each time, then cut it off mid-flight.
      await child.waitForLine(/^round \d+$/m);
      await delay(30 + kill * 17);
      child.child.kill('SIGKILL');
      expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });
      const rounds = [...child.output().matchAll(/^round (\d+)$/gm)].map((m) => Number(m[1]));
      expect(rounds.length).toBeGreaterThan(0);

      const reloaded = await loadFileAuthState(folder);
      const creds = reloaded.state.creds;
      expect(isLinked(creds)).toBe(true);
      expect(creds.me?.id).toBe('5511900000001:7@s.whatsapp.net');
      expect(Buffer.from(creds.signedIdentityKey.public).toString('hex')).toBe(identity);
      // The saved counter is one the child finished or the one it was writing, never older than the last finished round.
      expect(creds.accountSyncCounter).toBeGreaterThanOrEqual(rounds.at(-1)!);
      expect(creds.accountSyncCounter).toBeLessThanOrEqual(rounds.at(-1)! + 1);
      expect(creds.accountSyncCounter).toBeGreaterThan(lastRound);
      lastRound = creds.accountSyncCounter;
      // Every key file the child finished is whole.
      const last = rounds.at(-1)!;
      const keys = await reloaded.state.keys.get('pre-key', Array.from({ length: 20 }, (_, i) => String(last * 20 + i)));
      expect(Object.keys(keys)).toHaveLength(20);
      expect((await reloaded.state.keys.get('session', ['shared'])).shared).toHaveLength(4096);
    }
  }, 60_000);
});
