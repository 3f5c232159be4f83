import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import { ZapcastError } from '../core/errors.js';
import type { AppEventBus } from '../core/events.js';
import type { Repositories } from '../db/repositories.js';
import type { Schedule } from '../db/repos/schedules-repo.js';
import { formatDuration } from '../campaigns/eta.js';
import { ACTIVE_RUN_STATES, canTransition, describeState } from '../campaigns/run-state.js';
import type { CampaignService } from '../campaigns/campaign-service.js';
import { quietUntil, type QuietHours } from '../dispatch/quiet-hours.js';
import type { MetricsRegistry } from '../ops/metrics-registry.js';
import { decideDue, type DueDecision } from './catch-up.js';
import { CronTriggers } from './cron-triggers.js';
import { nextFire } from './fire-times.js';
import { isRecurring } from './schedule-spec.js';
import { localTime, specOf } from './stored-schedule.js';

export interface SchedulerDeps {
  repos: Repositories;
  campaigns: CampaignService;
  clock: Clock;
  events: AppEventBus;
  logger: Logger;
  metrics: MetricsRegistry;
  /** CATCHUP_MAX_MS: how late a fire may still start after downtime. */
  catchUpMaxMs: number;
  timeZone: string;
  quietHours: QuietHours | undefined;
}

/**
 * Fires due schedules. Fire times live in SQLite (`next_fire_at`), so nothing
 * is lost across restarts; node-cron tasks, one per trigger of each enabled
 * schedule (cron-triggers.ts), wake the scheduler at those times.
 *
 * A fire that lands in quiet hours starts its run at once (the list as it is
 * then); the send loop holds every message until quiet hours end. A fire while
 * the campaign's previous run is still going is skipped and reported, never
 * stacked. After downtime, the catch-up rule in catch-up.ts applies.
 */
export class Scheduler {
  private readonly triggers: CronTriggers;
  private ticking: Promise<void> | undefined;
  private again = false;
  private running = false;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: SchedulerDeps) {
    this.triggers = new CronTriggers({ logger: deps.logger, wake: () => this.tick(), lateToleranceMs: deps.catchUpMaxMs });
  }

  /** Settles fires a crash interrupted, runs what came due while down, then waits for the next. */
  async start(): Promise<void> {
    this.running = true;
    this.recoverInterruptedFires();
    this.alignWithNodeCron();
    this.unsubscribe = this.deps.events.on('run.state', ({ runId, campaignId, to }) => {
      if (to === 'stopped') this.endSchedulesOf(campaignId);
      // After every listener has seen the run end, so none reads the campaign as scheduled mid-event.
      else if (runId !== null && (to === 'completed' || to === 'failed')) queueMicrotask(() => this.waitForNextFire(campaignId));
    });
    await this.tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.triggers.destroyAll();
    this.unsubscribe?.();
    await this.ticking;
  }

  /** Looks at the schedules again (one was added, removed or ended): a node-cron task for each enabled one. */
  rearm(): void {
    if (!this.running) return;
    this.triggers.sync(this.deps.repos.schedules.enabled());
  }

  /** When node-cron will next wake the scheduler; undefined with no schedule. */
  nextWake(): number | undefined {
    return this.triggers.nextWake();
  }

  /** The node-cron tasks alive now, by name. */
  taskNames(): string[] {
    return this.triggers.names();
  }

  /** Fires everything due now; calls that arrive meanwhile make it look once more. */
  tick(): Promise<void> {
    if (this.ticking) {
      this.again = true;
      return this.ticking;
    }
    // `.finally` runs after `ticking` is set, even when the pass finishes synchronously.
    this.ticking = this.passes().finally(() => {
      this.ticking = undefined;
      this.rearm();
    });
    return this.ticking;
  }

  private async passes(): Promise<void> {
    try {
      do {
        this.again = false;
        for (const schedule of this.deps.repos.schedules.due(this.deps.clock.now())) {
          if (!this.running) break;
          await this.handleDue(schedule);
        }
      } while (this.again && this.running);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'scheduler pass failed');
    }
  }

  /**
   * A fire is marked before its run is created and settled after; a crash in
   * between leaves the mark. If the run exists the fire happened; if not, the
   * fire is due again at the marked time (and catch-up decides).
   */
  private recoverInterruptedFires(): void {
    const { repos, logger } = this.deps;
    for (const schedule of repos.schedules.withPendingFire()) {
      const run = repos.runs.startedBySchedule(schedule.id, schedule.firePendingAt!);
      if (run) repos.schedules.settleFire(schedule.id, `ran: run ${run.id}`);
      else repos.schedules.reopenPendingFire(schedule.id);
      logger.warn({ scheduleId: schedule.id, runId: run?.id }, run ? 'an interrupted fire had created its run' : 'an interrupted fire is due again');
    }
  }

  /**
   * A next fire stored under other rules (an older build's: a skipped DST time
   * moved past the jump, either day field matching) is one no node-cron task
   * wakes for: it moves to node-cron's next, and the operators are told.
   * A row written by this build is always already node-cron's next.
   */
  private alignWithNodeCron(): void {
    const { repos, clock } = this.deps;
    const now = clock.now();
    for (const schedule of repos.schedules.enabled()) {
      if (schedule.nextFireAt === null || schedule.nextFireAt <= now || schedule.firePendingAt !== null) continue;
      const spec = specOf(schedule);
      if (!spec || !isRecurring(spec.recurrence)) continue;
      const next = nextFire(spec, now);
      if (next === schedule.nextFireAt) continue;
      const moved = next === null ? 'the schedule is over' : `it is now ${this.when(next, schedule)}`;
      repos.schedules.advance(schedule.id, next, `next run moved from ${this.when(schedule.nextFireAt, schedule)} by node-cron's rules`);
      this.notice(
        `Schedule ${schedule.id} (campaign ${schedule.campaignId}) had its next run at ${this.when(schedule.nextFireAt, schedule)}, a time the scheduler no longer fires at (daylight-saving and day-field rules follow node-cron); ${moved}.`,
      );
      if (next === null) this.afterLastFire(schedule);
    }
  }

  private when(at: number, schedule: Schedule): string {
    return localTime(at, schedule.timeZone, this.deps.timeZone);
  }

  private notice(text: string): void {
    this.deps.logger.info({ notice: text }, 'schedule notice');
    this.deps.events.emit('notice', { text });
  }

  private nextText(schedule: Schedule, next: number | null): string {
    return next === null ? 'The schedule is over.' : `Next run ${this.when(next, schedule)}.`;
  }

  private async handleDue(schedule: Schedule): Promise<void> {
    const { repos, clock, metrics } = this.deps;
    const now = clock.now();
    const label = `Schedule ${schedule.id} (campaign ${schedule.campaignId})`;
    const spec = specOf(schedule);
    if (!spec) {
      repos.schedules.disable(schedule.id, 'ended: it could not be read');
      this.notice(`${label} could not be read (${schedule.kind} "${schedule.expression}") and was ended; add it again with /schedule.`);
      return;
    }
    const decision = decideDue(spec, schedule.nextFireAt!, now, this.deps.catchUpMaxMs);
    if (decision.missed > 0) metrics.increment('zapcast_schedule_fires_total', { outcome: 'missed' }, decision.missed);
    if (!decision.run) {
      repos.schedules.advance(schedule.id, decision.next, `missed ${this.when(decision.latestDueAt, schedule)}`);
      const late = formatDuration(now - decision.latestDueAt);
      this.notice(
        `${label} missed ${this.missedText(decision, schedule)} while zapcast was not running; ${late} late is more than CATCHUP_MAX_MS (${formatDuration(this.deps.catchUpMaxMs)}) allows, so it did not run. ${this.nextText(schedule, decision.next)}`,
      );
      if (decision.next === null) this.afterLastFire(schedule);
      return;
    }
    if (decision.missed > 0) {
      const passed = `${decision.missed + 1}${decision.missedAtLeast ? '+' : ''}`;
      this.notice(
        `${label}: ${passed} run times passed while zapcast was not running (the last at ${this.when(decision.latestDueAt, schedule)}); it runs once now, not once per missed time.`,
      );
    }
    await this.fire(schedule, decision, now, label);
  }

  private missedText(decision: DueDecision, schedule: Schedule): string {
    if (decision.missed === 1 && !decision.run) return `its run at ${this.when(decision.latestDueAt, schedule)}`;
    const count = `${decision.missed}${decision.missedAtLeast ? '+' : ''}`;
    return `${count} run time${decision.missed === 1 ? '' : 's'} (the last at ${this.when(decision.latestDueAt, schedule)})`;
  }

  private async fire(schedule: Schedule, decision: DueDecision, now: number, label: string): Promise<void> {
    const { repos, campaigns, metrics, events, logger } = this.deps;
    const campaign = repos.campaigns.get(schedule.campaignId);
    if (!campaign || campaign.state === 'stopped') {
      repos.schedules.disable(schedule.id, 'ended: the campaign is stopped');
      this.notice(`${label} ended: the campaign is stopped.`);
      return;
    }
    if (ACTIVE_RUN_STATES.includes(campaign.state)) {
      const previous = repos.runs.latestOf(campaign.id);
      const still = `run ${previous?.id ?? '?'} is still ${describeState(campaign.state)}`;
      repos.schedules.advance(schedule.id, decision.next, `skipped ${this.when(now, schedule)}: ${still}`);
      metrics.increment('zapcast_schedule_fires_total', { outcome: 'skipped' });
      this.notice(`${label}: the run due ${this.when(now, schedule)} was skipped because ${still}; runs are not stacked. ${this.nextText(schedule, decision.next)}`);
      if (decision.next === null) this.afterLastFire(schedule);
      return;
    }

    repos.schedules.markFiring(schedule.id, now, decision.next);
    try {
      if (!canTransition(campaign.state, 'running')) campaigns.markScheduled(campaign.id, null);
      const run = await campaigns.start(campaign.id, 'schedule', schedule.id);
      repos.schedules.settleFire(schedule.id, `ran: run ${run.id} at ${this.when(now, schedule)}`);
      metrics.increment('zapcast_schedule_fires_total', { outcome: 'ran' });
      logger.info({ scheduleId: schedule.id, campaignId: campaign.id, runId: run.id }, 'schedule fired');
      events.emit('schedule.fired', { scheduleId: schedule.id, campaignId: campaign.id, runId: run.id });
      const quietEnd = quietUntil(now, this.deps.quietHours, this.deps.timeZone);
      if (quietEnd !== undefined) {
        this.notice(`${label} started run ${run.id} during quiet hours; its messages wait until ${this.when(quietEnd, schedule)}.`);
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (!(error instanceof ZapcastError)) logger.error({ err: error, scheduleId: schedule.id }, 'schedule fire failed');
      repos.schedules.settleFire(schedule.id, `failed: ${reason}`);
      metrics.increment('zapcast_schedule_fires_total', { outcome: 'failed' });
      this.notice(`${label} could not start the campaign: ${reason} ${this.nextText(schedule, decision.next)}`);
      if (decision.next === null) this.afterLastFire(schedule);
    }
  }

  /** A schedule ended without starting a run: a campaign left with none is no longer scheduled. */
  private afterLastFire(schedule: Schedule): void {
    if (this.deps.repos.schedules.enabledOfCampaign(schedule.campaignId).length === 0) this.deps.campaigns.unmarkScheduled(schedule.campaignId);
  }

  /** A run of a campaign with schedules ended: the campaign waits, scheduled, for its next fire. */
  private waitForNextFire(campaignId: number): void {
    const times = this.deps.repos.schedules
      .enabledOfCampaign(campaignId)
      .map((s) => s.nextFireAt)
      .filter((at): at is number => at !== null);
    if (times.length === 0) return;
    const next = Math.min(...times);
    try {
      this.deps.campaigns.markScheduled(campaignId, `next run ${localTime(next, this.deps.timeZone, this.deps.timeZone)}`);
    } catch (error) {
      this.deps.logger.error({ err: error, campaignId }, 'could not mark the campaign scheduled again');
    }
  }

  /** Stopping a campaign is for good: its schedules end with it. */
  private endSchedulesOf(campaignId: number): void {
    const ended = this.deps.repos.schedules.enabledOfCampaign(campaignId);
    if (ended.length === 0) return;
    for (const schedule of ended) this.deps.repos.schedules.disable(schedule.id, 'ended: the campaign was stopped');
    this.rearm();
    const ids = ended.map((s) => s.id).join(', ');
    this.notice(`Campaign ${campaignId} was stopped, so its schedule${ended.length === 1 ? '' : 's'} ${ids} ended.`);
  }
}
