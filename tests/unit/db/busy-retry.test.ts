import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseBusyError, isBusyError, retryWhenBusy } from '../../../src/db/busy-retry.js';
import { FakeClock } from '../../support/fake-clock.js';

function tableWithRows(): Database.Database {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (n INTEGER)');
  for (let n = 0; n < 3; n++) db.prepare('INSERT INTO t (n) VALUES (?)').run(n);
  return db;
}

describe('retryWhenBusy', () => {
  it('recognises the refusal of a connection that still has a read open', () => {
    const db = tableWithRows();
    const rows = db.prepare('SELECT n FROM t').iterate();
    rows.next();
    let refusal: unknown;
    try {
      db.prepare('INSERT INTO t (n) VALUES (9)').run();
    } catch (error) {
      refusal = error;
    }
    rows.return?.();
    expect(isBusyError(refusal)).toBe(true);
    expect(isBusyError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    expect(isBusyError(new Error('no such table: t'))).toBe(false);
  });

  it('writes once the open read is closed instead of dropping the write', async () => {
    const db = tableWithRows();
    const clock = new FakeClock();
    const rows = db.prepare('SELECT n FROM t').iterate();
    rows.next();
    let done = false;
    const write = retryWhenBusy(() => db.prepare('INSERT INTO t (n) VALUES (9)').run(), { clock, what: 'a test row' }).then(() => (done = true));
    await clock.advance(1_000);
    expect(done).toBe(false);
    rows.return?.();
    await clock.runUntil(() => done);
    await write;
    expect(db.prepare('SELECT COUNT(*) AS c FROM t WHERE n = 9').get()).toEqual({ c: 1 });
  });

  it('gives up with a clear error after the longest wait it was given', async () => {
    const db = tableWithRows();
    const clock = new FakeClock();
    const rows = db.prepare('SELECT n FROM t').iterate();
    rows.next();
    const write = retryWhenBusy(() => db.prepare('INSERT INTO t (n) VALUES (9)').run(), { clock, what: 'the campaign', maxWaitMs: 10_000 });
    const outcome = write.then(
      () => undefined,
      (error: unknown) => error,
    );
    await clock.advance(10_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(DatabaseBusyError);
    expect((error as Error).message).toBe('The database stayed busy for 10 s, so the campaign was not saved; try again in a moment.');
    rows.return?.();
  });

  it('throws any other failure at once', async () => {
    const clock = new FakeClock();
    await expect(retryWhenBusy(() => { throw new Error('no such table: x'); }, { clock, what: 'x' })).rejects.toThrow('no such table: x');
    expect(clock.pendingTimers()).toBe(0);
  });
});
