import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import type { Db } from '../../../src/db/connection.js';
import { migrate } from '../../../src/db/migrate.js';
import { createRepositories } from '../../../src/db/repositories.js';
import { MessageQueue } from '../../../src/queue/message-queue.js';
import { databaseAtVersion } from '../../support/database-at-version.js';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A database as schema 20 left it: one message sent under a random id, one still pending, a day's send count. */
function databaseAtVersion20(): Db {
  const db = databaseAtVersion(20);
  open.push(db);
  db.exec(`
    INSERT INTO contact_lists (id, name, contact_count, status, created_at) VALUES (1, 'a.csv', 2, 'ready', 10);
    INSERT INTO contacts (id, list_id, phone, name) VALUES (1, 1, '+5511910000000', 'Ana'), (2, 1, '+5511910000001', 'Bia');
    INSERT INTO campaigns (id, list_id, session_name, template, state, created_at, updated_at) VALUES (1, 1, 'main', 'Hi {name}', 'running', 30, 30);
    INSERT INTO campaign_runs (id, campaign_id, state, trigger, total, started_at, updated_at) VALUES (1, 1, 'running', 'manual', 2, 80, 90);
    INSERT INTO messages (id, run_id, contact_id, phone, wa_message_id, state, attempts, sent_at) VALUES (1, 1, 1, '+5511910000000', '3EB0AAAABBBBCCCCDDDDEE', 'sent', 1, 85);
    INSERT INTO messages (id, run_id, contact_id, phone, wa_message_id, state) VALUES (2, 1, 2, '+5511910000001', '3EB0111122223333444455', 'pending');
    INSERT INTO send_days (session_name, day, sent) VALUES ('main', '2026-01-05', 17);
  `);
  return db;
}

describe('migration 021 (message bookkeeping)', () => {
  it('keeps receipts of messages already sent matching, and derives the ids of the others', () => {
    const db = databaseAtVersion20();
    migrate(db);
    const repos = createRepositories(db);
    const queue = new MessageQueue(repos, { maxRetries: 1, baseMs: 1, maxMs: 1, factor: 1 }, seededRandom(1));
    expect(queue.applyReceipt('3EB0AAAABBBBCCCCDDDDEE', 'delivered', 100)?.messageId).toBe(1);
    const pending = queue.peekNext([1], 100)!;
    expect(pending.id).toBe(2);
    expect(pending.waMessageId).toBe(repos.messages.waIds.forRow(2));
  });

  it('moves the day send counts beside the run counters', () => {
    const db = databaseAtVersion20();
    migrate(db);
    const repos = createRepositories(db);
    expect(repos.sendDays.sent('main', '2026-01-05')).toBe(17);
    expect(repos.counters.forRun(1)).not.toHaveProperty('sent-day main 2026-01-05');
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'send_days'`).get()).toBeUndefined();
  });

  it('stores one id key per installation', () => {
    const db = databaseAtVersion20();
    migrate(db);
    const key = db.prepare(`SELECT value FROM app_state WHERE key = 'wa-message-id-key'`).get() as { value: string };
    expect(key.value).toMatch(/^[0-9a-f]{32}$/);
  });

  it('leaves the message indexes a send writes to at the claim index alone', () => {
    const db = databaseAtVersion20();
    migrate(db);
    const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' AND sql IS NOT NULL ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(['messages_by_run', 'messages_by_sent_wa_id', 'messages_unknown', 'messages_waiting']);
  });
});
