import { ACTIVE_RUN_STATES, type RunState } from '../campaigns/run-state.js';
import type { FrontEndStatus } from '../chat/front-end-status.js';
import { numberLinks, type NumberLink, type OpsSources } from './ops-sources.js';

export interface HealthReport {
  status: 'ok' | 'unhealthy';
  /** Why it is unhealthy, in plain words; empty when healthy. */
  problems: string[];
  dryRun: boolean;
  numbers: NumberLink[];
  /** Each chat front-end's connection: { telegram: { state: 'up' | 'retrying' | 'token refused' | ..., detail, since, nextAttemptAt } }. */
  frontEnds: Partial<Record<string, FrontEndStatus>>;
  /** depth = pending + sending in active runs; unknown = interrupted sends awaiting an operator's word. */
  queue: { pending: number; sending: number; unknown: number; depth: number };
  campaigns: { running: number[]; paused: number[]; waitingForLogin: number[]; scheduled: number[] };
  nextScheduledRun: string | null;
  uptimeSeconds: number;
  checkedAt: string;
}

const EMPTY_QUEUE = { pending: 0, sending: 0, unknown: 0, depth: 0 };

/**
 * Healthy means this process can do its job: the database answers and can
 * record (the file opened is still the one at its path, and takes a write), it is not
 * shutting down, and no number sits in a state only an operator can undo
 * (`stopped`: another WhatsApp Web session replaced it, or WhatsApp refused
 * it; or a link that keeps retrying in vain, such as a client version WhatsApp
 * refuses with no newer one known). A link that is reconnecting or waiting for
 * a QR scan is reported but is not unhealthy: restarting the process would not
 * help it. The same goes for chat front-ends: one retrying to reach its
 * platform is shown, one whose token was refused needs an operator
 * (`frontEndProblems`).
 */
export function assessHealth(input: { databaseError: string | undefined; recordProblem?: string | undefined; stopping: boolean; numbers: NumberLink[]; frontEndProblems?: string[] }): string[] {
  const problems: string[] = [];
  if (input.databaseError !== undefined) problems.push(`the database does not answer: ${input.databaseError}`);
  if (input.recordProblem !== undefined) problems.push(input.recordProblem);
  if (input.stopping) problems.push('zapcast is shutting down');
  for (const number of input.numbers) {
    if (number.link === 'stopped' && !input.stopping) {
      problems.push(`WhatsApp number ${number.name} is stopped (replaced by another session or refused by WhatsApp); an operator must link it again`);
    } else if (number.problem && !input.stopping) {
      problems.push(`WhatsApp number ${number.name}: ${number.problem}`);
    }
  }
  if (!input.stopping) problems.push(...(input.frontEndProblems ?? []));
  return problems;
}

export function collectHealth(sources: OpsSources): HealthReport {
  const now = sources.clock.now();
  const numbers = numberLinks(sources);
  let databaseError: string | undefined;
  let queue = EMPTY_QUEUE;
  const campaigns: HealthReport['campaigns'] = { running: [], paused: [], waitingForLogin: [], scheduled: [] };
  let nextScheduledRun: string | null = null;
  // A database that answers may still be unable to record: deleted or replaced under zapcast, or read-only.
  const recordProblem = sources.database?.problem();
  try {
    sources.queries.check();
    const totals = { ...EMPTY_QUEUE };
    for (const row of sources.queries.queueByNumber()) if (row.state === 'pending' || row.state === 'sending') totals[row.state] += row.count;
    for (const row of sources.queries.messagesByNumber()) if (row.state === 'unknown') totals.unknown += row.count;
    queue = { ...totals, depth: totals.pending + totals.sending };
    const listed: RunState[] = [...ACTIVE_RUN_STATES, 'scheduled'];
    for (const campaign of sources.repos.campaigns.inStates(listed)) {
      if (campaign.state === 'running') campaigns.running.push(campaign.id);
      else if (campaign.state === 'paused') campaigns.paused.push(campaign.id);
      else if (campaign.state === 'waiting_for_login') campaigns.waitingForLogin.push(campaign.id);
      else campaigns.scheduled.push(campaign.id);
    }
    const next = sources.repos.schedules.earliestNextFire();
    nextScheduledRun = next === undefined ? null : new Date(next).toISOString();
  } catch (error) {
    databaseError = error instanceof Error ? error.message : String(error);
  }
  const problems = assessHealth({ databaseError, recordProblem, stopping: sources.stopping(), numbers, frontEndProblems: sources.frontEnds.problems() });
  return {
    status: problems.length === 0 ? 'ok' : 'unhealthy',
    problems,
    dryRun: sources.dryRun,
    numbers,
    frontEnds: sources.frontEnds.snapshot(),
    queue,
    campaigns,
    nextScheduledRun,
    uptimeSeconds: Math.max(0, Math.round((now - sources.startedAt) / 1000)),
    checkedAt: new Date(now).toISOString(),
  };
}
