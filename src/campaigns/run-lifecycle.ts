import type { Clock } from '../core/clock.js';
import type { AppEventBus } from '../core/events.js';
import { NotFoundError } from '../core/errors.js';
import { inTransaction } from '../db/connection.js';
import type { Repositories } from '../db/repositories.js';
import type { CampaignRun } from '../db/repos/campaign-runs-repo.js';
import { assertRunTransition, FINISHED_RUN_STATES, type RunAction, type RunState } from './run-state.js';

/**
 * The only place run states change. The run and its campaign move together in
 * one transaction, and every move is checked against the state machine.
 */
export class RunLifecycle {
  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
    private readonly events: AppEventBus,
  ) {}

  transition(runId: number, to: RunState, action: RunAction, reason: string | null = null): CampaignRun {
    const { run, from } = inTransaction(this.repos.db, () => {
      const run = this.repos.runs.get(runId);
      if (!run) throw new NotFoundError('Run', runId);
      assertRunTransition(run.campaignId, run.state, to, action);
      const now = this.clock.now();
      this.repos.runs.setState(runId, to, reason, now, FINISHED_RUN_STATES.includes(to));
      this.repos.campaigns.setState(run.campaignId, to, reason, now);
      return { run: { ...run, state: to, stateReason: reason }, from: run.state };
    });
    this.events.emit('run.state', { runId, campaignId: run.campaignId, from, to, reason });
    return run;
  }

  /** Completes a running run once nothing is left to send; returns true when it did. */
  completeIfDrained(runId: number): boolean {
    const run = this.repos.runs.get(runId);
    if (!run || run.state !== 'running' || run.enqueueCursor < run.enqueueEnd) return false;
    const counts = this.repos.counters.forRun(runId);
    if (counts.pending > 0 || counts.sending > 0) return false;
    const unknown = counts.unknown > 0 ? `${counts.unknown} message(s) have an unknown outcome` : null;
    this.transition(runId, 'completed', 'complete', unknown);
    return true;
  }
}
