import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import type { Db } from '../../../src/db/connection.js';
import { migrate } from '../../../src/db/migrate.js';
import { createRepositories } from '../../../src/db/repositories.js';
import { WaMessageIds } from '../../../src/queue/message-id.js';
import { MessageQueue } from '../../../src/queue/message-queue.js';
import { databaseAtVersion } from '../../support/database-at-version.js';
import { tempDir } from '../../support/temp-dir.js';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** Schema 23: two messages of a run with ids derived by the HMAC rounds, one sent and one pending. */
function databaseAtVersion23(): { db: Db; hmacIds: WaMessageIds } {
  const db = databaseAtVersion(23);
  open.push(db);
  db.exec(`
    INSERT INTO contact_lists (id, name, contact_count, status, created_at) VALUES (1, 'a.csv', 3, 'ready', 10);
    INSERT INTO contacts (id, list_id, phone, name) VALUES (1, 1, '+5511910000000', 'Ana'), (2, 1, '+5511910000001', 'Bia'), (3, 1, '+5511910000002', 'Cau');
    INSERT INTO campaigns (id, list_id, session_name, template, state, created_at, updated_at) VALUES (1, 1, 'main', 'Hi {name}', 'running', 30, 30);
    INSERT INTO campaign_runs (id, campaign_id, state, trigger, total, started_at, updated_at) VALUES (1, 1, 'running', 'manual', 2, 80, 90);
    INSERT INTO messages (id, run_id, contact_id, phone, wa_message_id, state, attempts, sent_at) VALUES (1, 1, 1, '+5511910000000', '', 'sent', 1, 85);
    INSERT INTO messages (id, run_id, contact_id, phone, wa_message_id, state) VALUES (2, 1, 2, '+5511910000001', '', 'pending');
  `);
  const key = (db.prepare(`SELECT value FROM app_state WHERE key = 'wa-message-id-key'`).get() as { value: string }).value;
  return { db, hmacIds: new WaMessageIds(key, Number.MAX_SAFE_INTEGER) };
}

describe('migration 024 (WhatsApp ids by mixing rounds)', () => {
  it('keeps matching receipts of a message sent under the HMAC rounds', () => {
    const { db, hmacIds } = databaseAtVersion23();
    migrate(db);
    const queue = new MessageQueue(createRepositories(db), { maxRetries: 1, baseMs: 1, maxMs: 1, factor: 1 }, seededRandom(1));
    expect(queue.applyReceipt(hmacIds.forRow(1), 'delivered', 100)?.messageId).toBe(1);
  });

  it('sends a message queued before it under the id it was given then', () => {
    const { db, hmacIds } = databaseAtVersion23();
    migrate(db);
    const repos = createRepositories(db);
    const queue = new MessageQueue(repos, { maxRetries: 1, baseMs: 1, maxMs: 1, factor: 1 }, seededRandom(1));
    expect(queue.peekNext([1], 100)!.waMessageId).toBe(hmacIds.forRow(2));
  });

  it('gives messages queued after it ids of the mixing rounds, and matches their receipts', () => {
    const { db, hmacIds } = databaseAtVersion23();
    migrate(db);
    const repos = createRepositories(db);
    const queue = new MessageQueue(repos, { maxRetries: 1, baseMs: 1, maxMs: 1, factor: 1 }, seededRandom(1));
    const direct = queue.createDirect('+5511910000002', 'hello', 200);
    expect(direct.id).toBe(3);
    expect(direct.waMessageId).not.toBe(hmacIds.forRow(3));
    expect(db.prepare(`SELECT value FROM app_state WHERE key = 'wa-message-id-mixed-from'`).get()).toEqual({ value: '3' });
    queue.ackSent(direct.id, 201);
    expect(queue.applyReceipt(direct.waMessageId, 'read', 300)?.messageId).toBe(3);
  });

  it('puts the boundary at the first row on a new installation', () => {
    const db = new Database(join(tempDir(), 'new.db'));
    open.push(db);
    migrate(db);
    expect(db.prepare(`SELECT value FROM app_state WHERE key = 'wa-message-id-mixed-from'`).get()).toEqual({ value: '1' });
  });
});
