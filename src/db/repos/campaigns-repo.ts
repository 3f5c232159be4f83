import type { Db } from '../connection.js';
import type { Statement } from 'better-sqlite3';
import { statementCache } from '../statement-cache.js';
import type { RunState } from '../../campaigns/run-state.js';
import type { Pacing } from '../../dispatch/pacing.js';

export type MediaKind = 'image' | 'video' | 'document';

export interface CampaignMedia {
  path: string;
  kind: MediaKind;
  fileName: string;
  mimeType: string;
}

export interface Campaign {
  id: number;
  listId: number;
  sessionName: string;
  template: string;
  media: CampaignMedia | null;
  pacing: Partial<Pacing> | null;
  state: RunState;
  stateReason: string | null;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

interface CampaignRow extends Omit<Campaign, 'media' | 'pacing'> {
  mediaJson: string | null;
  pacingJson: string | null;
}

const COLUMNS = `id, list_id AS listId, session_name AS sessionName, template, media_json AS mediaJson,
  pacing_json AS pacingJson, state, state_reason AS stateReason, created_by AS createdBy,
  created_at AS createdAt, updated_at AS updatedAt`;

const GET_SQL = `SELECT ${COLUMNS} FROM campaigns WHERE id = ?`;

function toCampaign(row: CampaignRow): Campaign {
  const { mediaJson, pacingJson, ...rest } = row;
  return {
    ...rest,
    media: mediaJson ? (JSON.parse(mediaJson) as CampaignMedia) : null,
    pacing: pacingJson ? (JSON.parse(pacingJson) as Partial<Pacing>) : null,
  };
}

/** What each send of a campaign reads: its pacing override, its media and its number. */
export interface SendingSettings {
  sessionName: string;
  pacing: Partial<Pacing> | null;
  media: CampaignMedia | null;
}

export class CampaignsRepo {
  private readonly sql: (text: string) => Statement;
  private readonly sendingStatement: Statement;
  /**
   * Read for every message and written only through this repository
   * (setPacing, deleteUnrun), which drops the entry. Filled only outside a
   * transaction, so a value a rollback undoes is never kept.
   */
  private readonly sendingCache = new Map<number, SendingSettings>();

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
    this.sendingStatement = db.prepare('SELECT session_name AS sessionName, pacing_json AS pacingJson, media_json AS mediaJson FROM campaigns WHERE id = ?');
  }

  /** Read for every message, so it leaves the template and the rest of the row where they are. */
  sendingSettings(id: number): SendingSettings | undefined {
    const cached = this.sendingCache.get(id);
    if (cached) return cached;
    const row = this.sendingStatement.get(id) as { sessionName: string; pacingJson: string | null; mediaJson: string | null } | undefined;
    if (!row) return undefined;
    const settings = {
      sessionName: row.sessionName,
      pacing: row.pacingJson ? (JSON.parse(row.pacingJson) as Partial<Pacing>) : null,
      media: row.mediaJson ? (JSON.parse(row.mediaJson) as CampaignMedia) : null,
    };
    if (!this.db.inTransaction) this.sendingCache.set(id, settings);
    return settings;
  }

  create(input: {
    listId: number;
    sessionName: string;
    template: string;
    media?: CampaignMedia | null;
    pacing?: Partial<Pacing> | null;
    createdBy?: string;
    at: number;
  }): number {
    const result = this.sql(
        `INSERT INTO campaigns (list_id, session_name, template, media_json, pacing_json, state, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?)`,
      )
      .run(
        input.listId,
        input.sessionName,
        input.template,
        input.media ? JSON.stringify(input.media) : null,
        input.pacing ? JSON.stringify(input.pacing) : null,
        input.createdBy ?? null,
        input.at,
        input.at,
      );
    return Number(result.lastInsertRowid);
  }

  get(id: number): Campaign | undefined {
    const row = this.sql(GET_SQL).get(id) as CampaignRow | undefined;
    return row && toCampaign(row);
  }

  list(limit = 50): Campaign[] {
    return (this.sql(`SELECT ${COLUMNS} FROM campaigns ORDER BY id DESC LIMIT ?`).all(limit) as CampaignRow[]).map(toCampaign);
  }

  /** The most recent campaigns whose id starts with, or template contains, `typed` (autocomplete). */
  matching(typed: string, limit: number): Campaign[] {
    return (
      this.sql(`SELECT ${COLUMNS} FROM campaigns WHERE CAST(id AS TEXT) LIKE @typed || '%' OR instr(lower(template), lower(@typed)) > 0 ORDER BY id DESC LIMIT @limit`).all({ typed, limit }) as CampaignRow[]
    ).map(toCampaign);
  }

  inStates(states: RunState[], sessionName?: string): Campaign[] {
    const marks = states.map(() => '?').join(', ');
    const bySession = sessionName === undefined ? '' : ' AND session_name = ?';
    const params: unknown[] = sessionName === undefined ? states : [...states, sessionName];
    return (
      this.sql(`SELECT ${COLUMNS} FROM campaigns WHERE state IN (${marks})${bySession} ORDER BY id`).all(...params) as CampaignRow[]
    ).map(toCampaign);
  }

  /** Campaigns made for a list, oldest first. */
  ofList(listId: number): Campaign[] {
    return (this.sql(`SELECT ${COLUMNS} FROM campaigns WHERE list_id = ? ORDER BY id`).all(listId) as CampaignRow[]).map(toCampaign);
  }

  /** Removes a campaign that never ran, and the schedules it had (a draft has none left enabled). */
  deleteUnrun(id: number): boolean {
    if (this.sql('SELECT 1 FROM campaign_runs WHERE campaign_id = ? LIMIT 1').get(id)) return false;
    this.sql('DELETE FROM schedules WHERE campaign_id = ?').run(id);
    this.sendingCache.delete(id);
    return this.sql('DELETE FROM campaigns WHERE id = ?').run(id).changes > 0;
  }

  /** Whether another campaign sends this stored media file. */
  mediaInUse(path: string, exceptId: number): boolean {
    return this.sql(`SELECT 1 FROM campaigns WHERE id <> ? AND json_extract(media_json, '$.path') = ? LIMIT 1`).get(exceptId, path) !== undefined;
  }

  setState(id: number, state: RunState, reason: string | null, at: number): void {
    this.sql('UPDATE campaigns SET state = ?, state_reason = ?, updated_at = ? WHERE id = ?').run(state, reason, at, id);
  }

  setPacing(id: number, pacing: Partial<Pacing> | null, at: number): void {
    this.sendingCache.delete(id);
    this.sql('UPDATE campaigns SET pacing_json = ?, updated_at = ? WHERE id = ?')
      .run(pacing ? JSON.stringify(pacing) : null, at, id);
  }
}
