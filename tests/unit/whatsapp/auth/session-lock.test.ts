import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionInUseError } from '../../../../src/whatsapp/auth/auth-errors.js';
import { SessionLock } from '../../../../src/whatsapp/auth/session-lock.js';
import { runTsChild } from '../../../support/baileys/ts-child.js';
import { tempDir } from '../../../support/temp-dir.js';

describe('the session lock', () => {
  it('refuses a second process on the same session, naming the holder, and is taken over once the holder is killed', async () => {
    const path = join(tempDir(), 'main.lock');
    const holder = runTsChild('./hold-session-lock.ts', [path, 'main']);
    const pid = Number(/locked (\d+)/.exec(await holder.waitForLine(/locked \d+/))![1]);

    const refusal = (() => {
      try {
        return SessionLock.acquire(path, 'main');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(SessionInUseError);
    expect((refusal as Error).message).toBe(`session main is in use by pid ${pid}; stop that process first, or give this one another SESSIONS_DIR.`);

    holder.child.kill('SIGKILL');
    await holder.exited;
    const lock = SessionLock.acquire(path, 'main');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    expect(existsSync(path)).toBe(false);
  }, 30_000);

  it('refuses a second holder within the same process', () => {
    const path = join(tempDir(), 'main.lock');
    const lock = SessionLock.acquire(path, 'main');
    expect(() => SessionLock.acquire(path, 'main')).toThrow(SessionInUseError);
    lock.release();
    SessionLock.acquire(path, 'main').release();
  });

  it('takes over a lock naming a pid that no longer runs, or an unreadable one', () => {
    const dir = tempDir();
    const stale = join(dir, 'a.lock');
    writeFileSync(stale, JSON.stringify({ pid: 2 ** 22 + 12345, start: '1' }));
    SessionLock.acquire(stale, 'a').release();
    const garbage = join(dir, 'b.lock');
    writeFileSync(garbage, 'not json');
    SessionLock.acquire(garbage, 'b').release();
  });

  it('takes over a lock left by an earlier life of this very pid (a restarted container)', () => {
    const path = join(tempDir(), 'main.lock');
    writeFileSync(path, JSON.stringify({ pid: process.pid, start: 'long ago' }));
    const lock = SessionLock.acquire(path, 'main');
    expect(JSON.parse(readFileSync(path, 'utf8')).start).not.toBe('long ago');
    lock.release();
  });

  it('does not remove a lock that another holder has taken since', () => {
    const path = join(tempDir(), 'main.lock');
    const lock = SessionLock.acquire(path, 'main');
    writeFileSync(path, JSON.stringify({ pid: 1, start: 'other' }));
    lock.release();
    expect(existsSync(path)).toBe(true);
  });
});
