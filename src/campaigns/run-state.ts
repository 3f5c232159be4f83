import { IllegalTransitionError } from '../core/errors.js';

/**
 * The life of a campaign and of each of its runs. A campaign without a run is a
 * draft or scheduled; once a run exists the campaign mirrors its latest run.
 */
export const RunState = {
  Draft: 'draft',
  Scheduled: 'scheduled',
  Running: 'running',
  Paused: 'paused',
  WaitingForLogin: 'waiting_for_login',
  Completed: 'completed',
  Stopped: 'stopped',
  Failed: 'failed',
} as const;
export type RunState = (typeof RunState)[keyof typeof RunState];

export const RUN_STATES = Object.values(RunState);

/** Verbs operators use, so a refusal reads "it cannot be paused". */
export type RunAction = 'schedule' | 'unschedule' | 'start' | 'pause' | 'resume' | 'stop' | 'cancel' | 'wait for login' | 'continue after login' | 'complete' | 'fail' | 'reopen';

// The moves into and out of `scheduled` from a finished state are the
// campaign's, never a run's (a run is created running and its end is final): a
// recurring campaign waits, scheduled, between the runs its fires create, and
// goes back to what its last run ended as when its last schedule is removed.
const ALLOWED: Record<RunState, RunState[]> = {
  draft: ['scheduled', 'running', 'stopped'],
  scheduled: ['draft', 'running', 'stopped', 'completed', 'failed'],
  running: ['paused', 'waiting_for_login', 'completed', 'stopped', 'failed'],
  paused: ['running', 'stopped'],
  waiting_for_login: ['running', 'paused', 'stopped', 'failed'],
  // A finished run is reopened only to resend messages whose fate is unknown.
  completed: ['running', 'scheduled'],
  stopped: [],
  failed: ['scheduled'],
};

export const ACTIVE_RUN_STATES: RunState[] = ['running', 'paused', 'waiting_for_login'];
export const FINISHED_RUN_STATES: RunState[] = ['completed', 'stopped', 'failed'];

export function canTransition(from: RunState, to: RunState): boolean {
  return ALLOWED[from].includes(to);
}

const STATE_WORDS: Record<RunState, string> = {
  draft: 'a draft',
  scheduled: 'scheduled',
  running: 'running',
  paused: 'paused',
  waiting_for_login: 'waiting for the WhatsApp login',
  completed: 'completed',
  stopped: 'stopped',
  failed: 'failed',
};

const ACTION_PARTICIPLES: Record<RunAction, string> = {
  schedule: 'scheduled',
  unschedule: 'unscheduled',
  start: 'started',
  pause: 'paused',
  resume: 'resumed',
  stop: 'stopped',
  cancel: 'cancelled',
  'wait for login': 'put on hold for the login',
  'continue after login': 'continued',
  complete: 'completed',
  fail: 'failed',
  reopen: 'reopened',
};

export function describeState(state: RunState): string {
  return STATE_WORDS[state];
}

/** Throws the refusal an operator reads, e.g. "campaign 7 is completed; it cannot be paused". */
export function assertRunTransition(campaignId: number, from: RunState, to: RunState, action: RunAction): void {
  if (canTransition(from, to)) return;
  const already = from === to ? ' (it already is)' : '';
  throw new IllegalTransitionError(
    `campaign ${campaignId} is ${STATE_WORDS[from]}; it cannot be ${ACTION_PARTICIPLES[action]}${already}.`,
  );
}
