import { copyFileSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/connection.js';
import { DatabaseProbe } from '../../../src/db/database-probe.js';
import { FakeClock } from '../../support/fake-clock.js';
import { tempDir } from '../../support/temp-dir.js';

function probed() {
  const path = join(tempDir(), 'zapcast.db');
  const db = openDatabase(path);
  const clock = new FakeClock();
  return { path, db, clock, probe: new DatabaseProbe(db, path, clock) };
}

describe('the database probe', () => {
  it('finds nothing wrong with a database that is where it was opened and takes writes', () => {
    const { probe, db } = probed();
    expect(probe.problem()).toBeUndefined();
    expect(db.prepare(`SELECT value FROM app_state WHERE key = 'health.write_probe'`).get()).toBeDefined();
  });

  it('sees the database file deleted while it is open, though every write still succeeds', () => {
    const { probe, path, db } = probed();
    unlinkSync(path);
    db.prepare(`INSERT INTO app_state (key, value, updated_at) VALUES ('x', 'y', 0)`).run();
    expect(probe.problem()).toMatch(/^the database file .*zapcast\.db is gone \(ENOENT\): what is recorded now would be lost at the next start; sending is held/);
  });

  it('sees the database file replaced by another one', () => {
    const { probe, path } = probed();
    copyFileSync(path, `${path}.copy`);
    renameSync(`${path}.copy`, path);
    expect(probe.problem()).toMatch(/^the database file .*zapcast\.db was replaced by another file/);
  });

  it('sees a database that refuses writes, and sees it recover at the next probe', async () => {
    const { probe, db, clock } = probed();
    db.pragma('query_only = ON');
    expect(probe.problem()).toMatch(/^the database does not take writes \(attempt to write a readonly database\); sending is held until it does$/);
    db.pragma('query_only = OFF');
    // The write is tried every few seconds, not at every look (the send loop looks before each message).
    expect(probe.problem()).toBeDefined();
    await clock.advance(5_000);
    expect(probe.problem()).toBeUndefined();
  });
});
