import type { Db } from '../connection.js';
import type { Statement } from 'better-sqlite3';
import { statementCache } from '../statement-cache.js';
import type { RunState } from '../../campaigns/run-state.js';

export interface CampaignRun {
  id: number;
  campaignId: number;
  state: RunState;
  stateReason: string | null;
  trigger: 'manual' | 'schedule';
  scheduleId: number | null;
  total: number;
  enqueueCursor: number;
  enqueueEnd: number;
  startedAt: number;
  finishedAt: number | null;
  updatedAt: number;
}

const columns = (t = '') => `${t}id AS id, ${t}campaign_id AS campaignId, ${t}state AS state,
  ${t}state_reason AS stateReason, ${t}trigger AS trigger, ${t}schedule_id AS scheduleId, ${t}total AS total,
  ${t}enqueue_cursor AS enqueueCursor, ${t}enqueue_end AS enqueueEnd, ${t}started_at AS startedAt, ${t}finished_at AS finishedAt, ${t}updated_at AS updatedAt`;
const COLUMNS = columns();
const GET_SQL = `SELECT ${COLUMNS} FROM campaign_runs WHERE id = ?`;
const STATE_SQL = 'SELECT state FROM campaign_runs WHERE id = ?';

export class CampaignRunsRepo {
  private readonly sql: (text: string) => Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  create(input: {
    campaignId: number;
    trigger: 'manual' | 'schedule';
    scheduleId?: number | null;
    total: number;
    enqueueStart: number;
    enqueueEnd: number;
    at: number;
  }): number {
    const result = this.sql(
        `INSERT INTO campaign_runs (campaign_id, state, trigger, schedule_id, total, enqueue_cursor, enqueue_end, started_at, updated_at)
         VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.campaignId,
        input.trigger,
        input.scheduleId ?? null,
        input.total,
        input.enqueueStart - 1,
        input.enqueueEnd,
        input.at,
        input.at,
      );
    return Number(result.lastInsertRowid);
  }

  get(id: number): CampaignRun | undefined {
    return this.sql(GET_SQL).get(id) as CampaignRun | undefined;
  }

  /** A run's state alone: read before every send, so nothing else is copied out. */
  stateOf(id: number): RunState | undefined {
    return (this.sql(STATE_SQL).get(id) as { state: RunState } | undefined)?.state;
  }

  latestOf(campaignId: number): CampaignRun | undefined {
    return this.sql(`SELECT ${COLUMNS} FROM campaign_runs WHERE campaign_id = ? ORDER BY id DESC LIMIT 1`)
      .get(campaignId) as CampaignRun | undefined;
  }

  ofCampaign(campaignId: number): CampaignRun[] {
    return this.sql(`SELECT ${COLUMNS} FROM campaign_runs WHERE campaign_id = ? ORDER BY id`).all(campaignId) as CampaignRun[];
  }

  /** Runs of one WhatsApp number in the given states, oldest first. */
  ofSessionInStates(sessionName: string, states: RunState[]): CampaignRun[] {
    const marks = states.map(() => '?').join(', ');
    return this.sql(
        `SELECT ${columns('r.')} FROM campaign_runs r JOIN campaigns c ON c.id = r.campaign_id
         WHERE c.session_name = ? AND r.state IN (${marks}) ORDER BY r.id`,
      )
      .all(sessionName, ...states) as CampaignRun[];
  }

  /** The run a schedule started at or after `since` (how a fire interrupted by a crash is told apart from one that never happened). */
  startedBySchedule(scheduleId: number, since: number): CampaignRun | undefined {
    return this.sql(`SELECT ${COLUMNS} FROM campaign_runs WHERE schedule_id = ? AND started_at >= ? ORDER BY id LIMIT 1`)
      .get(scheduleId, since) as CampaignRun | undefined;
  }

  inStates(states: RunState[]): CampaignRun[] {
    const marks = states.map(() => '?').join(', ');
    return this.sql(`SELECT ${COLUMNS} FROM campaign_runs WHERE state IN (${marks}) ORDER BY id`).all(...states) as CampaignRun[];
  }

  setState(id: number, state: RunState, reason: string | null, at: number, finished: boolean): void {
    this.sql('UPDATE campaign_runs SET state = ?, state_reason = ?, updated_at = ?, finished_at = ? WHERE id = ?')
      .run(state, reason, at, finished ? at : null, id);
  }

  advanceEnqueueCursor(id: number, cursor: number): void {
    this.sql('UPDATE campaign_runs SET enqueue_cursor = ? WHERE id = ?').run(cursor, id);
  }

  /** Runs whose messages are not all enqueued yet (a crash interrupted the enqueue). */
  withUnfinishedEnqueue(): CampaignRun[] {
    return this.sql(`SELECT ${COLUMNS} FROM campaign_runs WHERE enqueue_cursor < enqueue_end ORDER BY id`).all() as CampaignRun[];
  }
}
