import type Database from 'better-sqlite3';

/**
 * Prepares each SQL text once per connection. Preparing on every call costs
 * more than running a small statement and leaves native memory for the GC to
 * find, which a send loop doing it per message turns into steady growth.
 */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
