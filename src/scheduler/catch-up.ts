import { nextFire } from './fire-times.js';
import type { ScheduleSpec } from './schedule-spec.js';

/** What to do about a schedule whose fire time has come (or passed while zapcast was down). */
export interface DueDecision {
  /** Start one run now. */
  run: boolean;
  /** Fire times that will never run: all of them when none is within reach, else all but one. */
  missed: number;
  /** True when counting stopped at MISSED_COUNT_LIMIT: there were at least that many. */
  missedAtLeast: boolean;
  /** The latest fire time at or before now (when counted). */
  latestDueAt: number;
  /** The next fire after now, or null when the schedule is over. */
  next: number | null;
}

export const MISSED_COUNT_LIMIT = 1000;

/**
 * Pure catch-up rule. A fire time counts as within reach when it is at most
 * `catchUpMaxMs` old; if any due fire time is within reach the schedule runs
 * once now, however many were missed, and the rest are reported as missed.
 * On time (the timer firing) is just the case "0 ms late, none missed".
 */
export function decideDue(spec: ScheduleSpec, dueAt: number, now: number, catchUpMaxMs: number): DueDecision {
  let due = 1;
  let latestDueAt = dueAt;
  for (let at = nextFire(spec, dueAt); at !== null && at <= now && due < MISSED_COUNT_LIMIT; at = nextFire(spec, at)) {
    due++;
    latestDueAt = at;
  }
  const reachFrom = now - catchUpMaxMs;
  const inReach = dueAt >= reachFrom ? dueAt : nextFire(spec, reachFrom - 1);
  const run = inReach !== null && inReach <= now;
  return {
    run,
    missed: run ? due - 1 : due,
    missedAtLeast: due >= MISSED_COUNT_LIMIT,
    latestDueAt,
    next: nextFire(spec, now),
  };
}
