import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discardUnfinishedLists } from '../../../src/contacts/unfinished-lists.js';
import { openDatabase, type Db } from '../../../src/db/connection.js';
import { createRepositories } from '../../../src/db/repositories.js';
import { memoryLogger } from '../../support/memory-logger.js';
import { tempDir } from '../../support/temp-dir.js';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function seeded(hidden: number) {
  const db = openDatabase(join(tempDir(), 'zapcast.db'));
  open.push(db);
  const repos = createRepositories(db);
  const listId = repos.lists.create({ name: 'half.csv', sourceFile: 'half.csv', createdAt: 1 });
  db.transaction(() => {
    for (let i = 0; i < hidden; i++) repos.contacts.insert(listId, { phone: `+551198${String(i).padStart(7, '0')}`, name: null, fields: {}, lineType: 'mobile', line: i + 2 });
  })();
  const kept = repos.lists.create({ name: 'done.csv', sourceFile: 'done.csv', createdAt: 2 });
  repos.lists.finish(kept, 0, '{}');
  return { db, repos, listId, kept };
}

const count = (db: Db, sql: string) => (db.prepare(sql).get() as { n: number }).n;

describe('start-up cleanup of half-imported lists', () => {
  it('deletes a hidden list in batches and logs it, leaving finished lists alone', () => {
    const { db, repos, listId, kept } = seeded(12_000);
    const { logger, lines } = memoryLogger();
    let statements = 0;
    const deleteBatch = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      const statement = deleteBatch(sql);
      if (!sql.startsWith('DELETE FROM contacts WHERE rowid IN')) return statement;
      const run = statement.run.bind(statement);
      statement.run = ((...args: unknown[]) => {
        statements++;
        return run(...args);
      }) as typeof statement.run;
      return statement;
    }) as typeof db.prepare;

    const outcome = discardUnfinishedLists(db, repos.lists, logger, 5_000);

    expect(outcome).toEqual({ discarded: [listId], left: [] });
    expect(statements).toBe(4);
    expect(count(db, 'SELECT COUNT(*) AS n FROM contacts')).toBe(0);
    expect(count(db, 'SELECT COUNT(*) AS n FROM contact_lists')).toBe(1);
    expect(repos.lists.unfinished()).toEqual([]);
    expect(kept).toBeGreaterThan(0);
    expect(lines.filter((l) => l.msg === 'discarded a list left half-imported').map((l) => [l.listId, l.contacts])).toEqual([[listId, 12_000]]);
  });

  it('logs and goes on when the database cannot take the deletes (a full disk), so zapcast still starts', () => {
    const { db, repos, listId } = seeded(100);
    // What a full disk answers to the first write; a trigger makes this connection's deletes fail the same way.
    db.exec(`CREATE TEMP TRIGGER full_disk BEFORE DELETE ON contacts BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const { logger, lines } = memoryLogger();

    const outcome = discardUnfinishedLists(db, repos.lists, logger);

    expect(outcome).toEqual({ discarded: [], left: [listId] });
    expect(repos.lists.unfinished()).toEqual([listId]);
    expect(lines.find((l) => l.level === 40)).toMatchObject({ listId, reason: 'database or disk is full' });

    db.exec('DROP TRIGGER full_disk');
    expect(discardUnfinishedLists(db, repos.lists, logger)).toEqual({ discarded: [listId], left: [] });
  });
});
