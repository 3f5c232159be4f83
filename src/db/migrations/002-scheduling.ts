import type { Migration } from './index.js';

/**
 * A fire is recorded in two steps around the run it starts: `fire_pending_at`
 * is set (with the next fire time) before the run is created and cleared after.
 * A crash in between leaves the mark, and start-up looks for the run with that
 * schedule_id to tell "the run exists" from "the fire never happened": a fire
 * is neither lost nor doubled.
 */
export const scheduling: Migration = {
  version: 2,
  name: '002-scheduling',
  sql: `
ALTER TABLE schedules ADD COLUMN fire_pending_at INTEGER;
-- What the last fire time did ("ran run 12", "skipped: run 11 was still running"), for /schedules.
ALTER TABLE schedules ADD COLUMN last_outcome TEXT;
CREATE INDEX schedules_due ON schedules (enabled, next_fire_at);
CREATE INDEX campaign_runs_by_schedule ON campaign_runs (schedule_id, started_at) WHERE schedule_id IS NOT NULL;
`,
};
