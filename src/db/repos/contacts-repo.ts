import type { Db } from '../connection.js';
import type { Statement } from 'better-sqlite3';
import { statementCache } from '../statement-cache.js';

export type LineType = 'mobile' | 'fixed_line' | 'unknown';

export interface NewContact {
  phone: string;
  name: string | null;
  fields: Record<string, string>;
  lineType: LineType;
  /** The line of the import file it came from. */
  line?: number;
}

export interface Contact {
  id: number;
  listId: number;
  phone: string;
  name: string | null;
  fields: Record<string, string>;
  lineType: LineType | null;
  onWhatsapp: boolean | null;
  checkedAt: number | null;
  /** The JID WhatsApp answered the check with (may differ from `phone`); null before an answer that named one. */
  waJid: string | null;
}

interface ContactRow {
  id: number;
  listId: number;
  phone: string;
  name: string | null;
  fieldsJson: string;
  lineType: LineType | null;
  onWhatsapp: number | null;
  checkedAt: number | null;
  waJid: string | null;
}

const COLUMNS = `id, list_id AS listId, phone, name, fields_json AS fieldsJson, line_type AS lineType,
  on_whatsapp AS onWhatsapp, checked_at AS checkedAt, wa_jid AS waJid`;

function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    listId: row.listId,
    phone: row.phone,
    name: row.name,
    fields: JSON.parse(row.fieldsJson) as Record<string, string>,
    lineType: row.lineType,
    onWhatsapp: row.onWhatsapp === null ? null : row.onWhatsapp === 1,
    checkedAt: row.checkedAt,
    waJid: row.waJid,
  };
}

export class ContactsRepo {
  private readonly sql: (text: string) => Statement;

  private readonly insertStatement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
    this.insertStatement = db.prepare(
      'INSERT INTO contacts (list_id, phone, name, fields_json, line_type, source_line) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (list_id, phone) DO NOTHING',
    );
  }

  /** Inserts, ignoring a phone already on the list; returns true when a row was added. */
  insert(listId: number, contact: NewContact): boolean {
    const result = this.insertStatement.run(listId, contact.phone, contact.name, JSON.stringify(contact.fields), contact.lineType, contact.line ?? null);
    return result.changes > 0;
  }

  /** The file line the list's contact with this number came from, when known. */
  sourceLine(listId: number, phone: string): number | undefined {
    const row = this.sql('SELECT source_line AS line FROM contacts WHERE list_id = ? AND phone = ?').get(listId, phone) as { line: number | null } | undefined;
    return row?.line ?? undefined;
  }

  hasPhone(listId: number, phone: string): boolean {
    return this.sql('SELECT 1 FROM contacts WHERE list_id = ? AND phone = ?').get(listId, phone) !== undefined;
  }

  /** Deletes the number from every list; returns the lists it was on, to recount them. */
  deleteEverywhere(phone: string): number[] {
    const lists = (this.sql('SELECT DISTINCT list_id AS listId FROM contacts WHERE phone = ?').all(phone) as { listId: number }[]).map((r) => r.listId);
    this.sql('DELETE FROM contacts WHERE phone = ?').run(phone);
    for (const listId of lists) this.sql('UPDATE contact_lists SET contact_count = (SELECT COUNT(*) FROM contacts WHERE list_id = ?) WHERE id = ?').run(listId, listId);
    return lists;
  }

  /** The contact most recently imported with this number, on any list (a scan: for one-off commands, not per message). */
  latestByPhone(phone: string): Contact | undefined {
    const row = this.sql(
      `SELECT ${COLUMNS} FROM contacts WHERE phone = ? AND list_id IN (SELECT id FROM contact_lists WHERE status = 'ready') ORDER BY id DESC LIMIT 1`,
    ).get(phone) as ContactRow | undefined;
    return row && toContact(row);
  }

  get(id: number): Contact | undefined {
    const row = this.sql(`SELECT ${COLUMNS} FROM contacts WHERE id = ?`).get(id) as ContactRow | undefined;
    return row && toContact(row);
  }

  firstOfList(listId: number, limit: number): Contact[] {
    const rows = this.sql(`SELECT ${COLUMNS} FROM contacts WHERE list_id = ? AND phone NOT IN (SELECT phone FROM optouts) ORDER BY id LIMIT ?`)
      .all(listId, limit) as ContactRow[];
    return rows.map(toContact);
  }

  count(listId: number): number {
    return (this.sql('SELECT COUNT(*) AS n FROM contacts WHERE list_id = ?').get(listId) as { n: number }).n;
  }

  countOptedOut(listId: number): number {
    const row = this.sql('SELECT COUNT(*) AS n FROM contacts c JOIN optouts o ON o.phone = c.phone WHERE c.list_id = ?')
      .get(listId) as { n: number };
    return row.n;
  }

  /** Column names used across the list's contacts, for checking template variables. */
  fieldNames(listId: number): string[] {
    const rows = this.sql('SELECT DISTINCT j.key AS key FROM contacts c, json_each(c.fields_json) j WHERE c.list_id = ? LIMIT 500')
      .all(listId) as { key: string }[];
    return rows.map((r) => r.key);
  }

  idRange(listId: number): { min: number; max: number } | undefined {
    const row = this.sql('SELECT MIN(id) AS min, MAX(id) AS max FROM contacts WHERE list_id = ?').get(listId) as {
      min: number | null;
      max: number | null;
    };
    return row.min === null || row.max === null ? undefined : { min: row.min, max: row.max };
  }

  /**
   * `null`: asked, but WhatsApp's answer did not say (the check is not repeated
   * until it expires). `jid`: the JID WhatsApp answered with, kept until an
   * answer names another.
   */
  recordWhatsappCheck(id: number, onWhatsapp: boolean | null, at: number, jid?: string): void {
    this.sql('UPDATE contacts SET on_whatsapp = ?, checked_at = ?, wa_jid = COALESCE(?, wa_jid) WHERE id = ?')
      .run(onWhatsapp === null ? null : onWhatsapp ? 1 : 0, at, jid ?? null, id);
  }

  /** The list numbers (distinct) whose WhatsApp account answered as `jid`. */
  phonesAnsweredAs(jid: string): string[] {
    const rows = this.sql('SELECT DISTINCT phone FROM contacts WHERE wa_jid = ?').all(jid) as { phone: string }[];
    return rows.map((row) => row.phone);
  }
}
