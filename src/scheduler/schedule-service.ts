import type { Clock } from '../core/clock.js';
import { NotFoundError } from '../core/errors.js';
import type { Repositories } from '../db/repositories.js';
import type { Schedule } from '../db/repos/schedules-repo.js';
import type { Campaign } from '../db/repos/campaigns-repo.js';
import { assertRunTransition } from '../campaigns/run-state.js';
import type { CampaignService } from '../campaigns/campaign-service.js';
import { parseSchedule, type ScheduleInput } from './parse-schedule.js';
import { ScheduleError } from './schedule-error.js';
import { storedExpression, type ScheduleSpec } from './schedule-spec.js';
import { localTime } from './stored-schedule.js';

export interface ScheduleServiceDeps {
  repos: Repositories;
  campaigns: CampaignService;
  clock: Clock;
  /** TZ: the zone of schedules that name none. */
  timeZone: string;
  /** Called after a schedule is added or removed, so the timer looks again. */
  onChange(): void;
}

export interface AddedSchedule {
  schedule: Schedule;
  spec: ScheduleSpec;
  campaign: Campaign;
}

/** /schedule, /schedules and /unschedule: schedules as operators manage them. */
export class ScheduleService {
  constructor(private readonly deps: ScheduleServiceDeps) {}

  /**
   * Adds a schedule to a campaign. A stopped campaign is over and refuses;
   * anything else may carry schedules (a running one keeps running and waits,
   * scheduled, for the next fire once its run ends).
   */
  add(campaignId: number, input: ScheduleInput, createdBy: string | null): AddedSchedule {
    const { repos, campaigns, clock } = this.deps;
    const campaign = campaigns.get(campaignId);
    if (campaign.state === 'stopped') assertRunTransition(campaignId, campaign.state, 'scheduled', 'schedule');
    const now = clock.now();
    const parsed = parseSchedule(input, { now, defaultTimeZone: this.deps.timeZone });
    if (!parsed.ok) throw new ScheduleError(parsed.error);
    const { spec, firstFireAt } = parsed.value;
    const id = repos.db.transaction(() =>
      repos.schedules.create({
        campaignId,
        kind: spec.recurrence.kind,
        expression: storedExpression(spec.recurrence),
        timeZone: spec.timeZone,
        untilAt: spec.untilAt,
        nextFireAt: firstFireAt,
        createdBy,
        createdAt: now,
      }),
    )();
    const marked = campaigns.markScheduled(campaignId, `next run ${localTime(this.nextFireOf(campaignId) ?? firstFireAt, spec.timeZone, this.deps.timeZone)}`);
    this.deps.onChange();
    return { schedule: repos.schedules.get(id)!, spec, campaign: marked };
  }

  /** Removes a schedule; a campaign left with none goes back to a draft, or to how its last run ended. */
  remove(scheduleId: number): { schedule: Schedule; campaign: Campaign } {
    const { repos, campaigns } = this.deps;
    const schedule = repos.schedules.get(scheduleId);
    if (!schedule) throw new NotFoundError('Schedule', scheduleId);
    repos.schedules.remove(scheduleId);
    const campaign = repos.schedules.enabledOfCampaign(schedule.campaignId).length === 0 ? campaigns.unmarkScheduled(schedule.campaignId) : campaigns.get(schedule.campaignId);
    this.deps.onChange();
    return { schedule, campaign };
  }

  /** Schedules still to fire, of one campaign or all. */
  list(campaignId?: number): Schedule[] {
    const { repos } = this.deps;
    if (campaignId === undefined) return repos.schedules.enabled();
    this.deps.campaigns.get(campaignId);
    return repos.schedules.enabledOfCampaign(campaignId);
  }

  /** The campaign's soonest fire time over all its schedules. */
  nextFireOf(campaignId: number): number | undefined {
    const times = this.deps.repos.schedules
      .enabledOfCampaign(campaignId)
      .map((s) => s.nextFireAt)
      .filter((at): at is number => at !== null);
    return times.length === 0 ? undefined : Math.min(...times);
  }
}
