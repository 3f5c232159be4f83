import type { Db } from '../connection.js';

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
}

const COLUMNS = `id, campaign_id AS campaignId, kind, expression, time_zone AS timeZone, until_at AS untilAt,
  next_fire_at AS nextFireAt, last_fired_at AS lastFiredAt, enabled, created_by AS createdBy, created_at AS createdAt`;

type ScheduleRow = Omit<Schedule, 'enabled'> & { enabled: number };
const toSchedule = (row: ScheduleRow): Schedule => ({ ...row, enabled: row.enabled === 1 });

export class SchedulesRepo {
  constructor(private readonly db: Db) {}

  create(input: Omit<Schedule, 'id' | 'lastFiredAt' | 'enabled'>): number {
    const result = this.db
      .prepare(
        `INSERT INTO schedules (campaign_id, kind, expression, time_zone, until_at, next_fire_at, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.campaignId, input.kind, input.expression, input.timeZone, input.untilAt, input.nextFireAt, input.createdBy, input.createdAt);
    return Number(result.lastInsertRowid);
  }

  get(id: number): Schedule | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM schedules WHERE id = ?`).get(id) as ScheduleRow | undefined;
    return row && toSchedule(row);
  }

  enabled(): Schedule[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM schedules WHERE enabled = 1 ORDER BY id`).all() as ScheduleRow[]).map(toSchedule);
  }

  ofCampaign(campaignId: number): Schedule[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM schedules WHERE campaign_id = ? ORDER BY id`).all(campaignId) as ScheduleRow[]).map(
      toSchedule,
    );
  }

  recordFire(id: number, firedAt: number, nextFireAt: number | null): void {
    this.db
      .prepare('UPDATE schedules SET last_fired_at = ?, next_fire_at = ?, enabled = CASE WHEN ? IS NULL THEN 0 ELSE enabled END WHERE id = ?')
      .run(firedAt, nextFireAt, nextFireAt, id);
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM schedules WHERE id = ?').run(id).changes > 0;
  }
}
