import type { Db } from '../connection.js';
import type { Statement } from 'better-sqlite3';
import { statementCache } from '../statement-cache.js';

export interface Schedule {
  id: number;
  campaignId: number;
  kind: string;
  expression: string;
  timeZone: string;
  untilAt: number | null;
  nextFireAt: number | null;
  lastFiredAt: number | null;
  enabled: boolean;
  createdBy: string | null;
  createdAt: number;
  /** Set while a fire is creating its run (see migration 002). */
  firePendingAt: number | null;
  lastOutcome: string | null;
}

export type NewSchedule = Pick<Schedule, 'campaignId' | 'kind' | 'expression' | 'timeZone' | 'untilAt' | 'nextFireAt' | 'createdBy' | 'createdAt'>;

const COLUMNS = `id, campaign_id AS campaignId, kind, expression, time_zone AS timeZone, until_at AS untilAt,
  next_fire_at AS nextFireAt, last_fired_at AS lastFiredAt, enabled, created_by AS createdBy, created_at AS createdAt,
  fire_pending_at AS firePendingAt, last_outcome AS lastOutcome`;

type ScheduleRow = Omit<Schedule, 'enabled'> & { enabled: number };
const toSchedule = (row: ScheduleRow): Schedule => ({ ...row, enabled: row.enabled === 1 });

/** SQL for `schedules`. A schedule with no next fire time is over and disabled. */
export class SchedulesRepo {
  private readonly sql: (text: string) => Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  create(input: NewSchedule): number {
    const result = this.sql(
        `INSERT INTO schedules (campaign_id, kind, expression, time_zone, until_at, next_fire_at, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.campaignId, input.kind, input.expression, input.timeZone, input.untilAt, input.nextFireAt, input.createdBy, input.createdAt);
    return Number(result.lastInsertRowid);
  }

  get(id: number): Schedule | undefined {
    const row = this.sql(`SELECT ${COLUMNS} FROM schedules WHERE id = ?`).get(id) as ScheduleRow | undefined;
    return row && toSchedule(row);
  }

  enabled(): Schedule[] {
    return (this.sql(`SELECT ${COLUMNS} FROM schedules WHERE enabled = 1 ORDER BY id`).all() as ScheduleRow[]).map(toSchedule);
  }

  /** The most recent schedules still to run whose id or campaign id starts with `typed` (autocomplete). */
  matching(typed: string, limit: number): Schedule[] {
    return (
      this.sql(`SELECT ${COLUMNS} FROM schedules WHERE enabled = 1 AND (CAST(id AS TEXT) LIKE @typed || '%' OR CAST(campaign_id AS TEXT) LIKE @typed || '%') ORDER BY id DESC LIMIT @limit`).all({ typed, limit }) as ScheduleRow[]
    ).map(toSchedule);
  }

  ofCampaign(campaignId: number): Schedule[] {
    return (this.sql(`SELECT ${COLUMNS} FROM schedules WHERE campaign_id = ? ORDER BY id`).all(campaignId) as ScheduleRow[]).map(
      toSchedule,
    );
  }

  enabledOfCampaign(campaignId: number): Schedule[] {
    return this.ofCampaign(campaignId).filter((s) => s.enabled);
  }

  /** Enabled schedules whose fire time has come, soonest first. */
  due(now: number): Schedule[] {
    return (
      this.sql(`SELECT ${COLUMNS} FROM schedules WHERE enabled = 1 AND next_fire_at <= ? ORDER BY next_fire_at, id`)
        .all(now) as ScheduleRow[]
    ).map(toSchedule);
  }

  earliestNextFire(): number | undefined {
    const row = this.sql('SELECT MIN(next_fire_at) AS at FROM schedules WHERE enabled = 1').get() as { at: number | null };
    return row.at ?? undefined;
  }

  /** Fires interrupted between their mark and its clearing (a crash). */
  withPendingFire(): Schedule[] {
    return (this.sql(`SELECT ${COLUMNS} FROM schedules WHERE fire_pending_at IS NOT NULL ORDER BY id`).all() as ScheduleRow[]).map(
      toSchedule,
    );
  }

  /** Step one of a fire: the next fire time moves on and the mark is set, in one commit, before the run is created. */
  markFiring(id: number, at: number, nextFireAt: number | null): void {
    this.sql('UPDATE schedules SET fire_pending_at = ?, last_fired_at = ?, next_fire_at = ? WHERE id = ?').run(at, at, nextFireAt, id);
  }

  /** Step two: the fire is settled (its run exists, or it failed and was reported). A schedule with no next fire ends. */
  settleFire(id: number, outcome: string): void {
    this.sql('UPDATE schedules SET fire_pending_at = NULL, last_outcome = ?, enabled = CASE WHEN next_fire_at IS NULL THEN 0 ELSE enabled END WHERE id = ?')
      .run(outcome, id);
  }

  /** A crash came between the mark and the run: the fire is due again at the time it was marked. */
  reopenPendingFire(id: number): void {
    this.sql('UPDATE schedules SET next_fire_at = fire_pending_at, fire_pending_at = NULL, enabled = 1 WHERE id = ?').run(id);
  }

  /** A fire time passed without a run (missed or skipped): move on, and end the schedule when nothing follows. */
  advance(id: number, nextFireAt: number | null, outcome: string): void {
    this.sql('UPDATE schedules SET next_fire_at = ?, last_outcome = ?, enabled = CASE WHEN ? IS NULL THEN 0 ELSE enabled END WHERE id = ?')
      .run(nextFireAt, outcome, nextFireAt, id);
  }

  disable(id: number, outcome: string): void {
    this.sql('UPDATE schedules SET enabled = 0, next_fire_at = NULL, last_outcome = ? WHERE id = ?').run(outcome, id);
  }

  remove(id: number): boolean {
    return this.sql('DELETE FROM schedules WHERE id = ?').run(id).changes > 0;
  }
}
