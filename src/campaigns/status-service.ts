import type { Clock } from '../core/clock.js';
import type { Repositories } from '../db/repositories.js';
import type { Campaign } from '../db/repos/campaigns-repo.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import { scalePacing, type Pacing } from '../dispatch/pacing.js';
import { holdsAt, type Hold } from '../dispatch/holds.js';
import type { QuietHours } from '../dispatch/quiet-hours.js';
import { warmUpCaps } from '../safety/warm-up.js';
import { EtaCache } from './eta-cache.js';
import { estimateFinish } from './eta.js';
import { withOverride } from './pacing-override.js';
import { buildPreview, type CampaignPreview } from './preview.js';
import { snapshotOf, type ProgressSnapshot } from './progress.js';
import { NotFoundError } from '../core/errors.js';
import { variantFigures } from './variant-figures.js';

export interface StatusSettings {
  pacing: Pacing;
  dailyCap: number;
  warmUp: { days: number; startCap: number };
  quietHours: QuietHours | undefined;
  timeZone: string;
  dryRun: boolean;
  sendMs: number;
}

/** Read-side of campaigns: progress snapshots, previews and ETAs. */
export class StatusService {
  private readonly etas = new EtaCache();

  constructor(
    private readonly repos: Repositories,
    private readonly dispatcher: Dispatcher,
    private readonly clock: Clock,
    private readonly settings: StatusSettings,
  ) {}

  /** How a campaign really sends: its number's pacing, its own slower override, the breaker's slow-down. */
  effectivePacing(campaign: Campaign): Pacing {
    return this.pacingWith(campaign.pacing, this.repos.waSessions.paceFactor(campaign.sessionName));
  }

  /** The same from a campaign's override and its number's slow-down factor, already read. */
  pacingWith(override: Partial<Pacing> | null, paceFactor: number): Pacing {
    return scalePacing(withOverride(this.settings.pacing, override), paceFactor);
  }

  etaFor(campaign: Campaign, remaining: number): number {
    const now = this.clock.now();
    const sender = this.dispatcher.session(campaign.sessionName);
    const linkedAt = sender ? (this.repos.waSessions.get(campaign.sessionName)?.linkedAt ?? null) : null;
    const pacing = this.effectivePacing(campaign);
    const sentToday = sender?.dailyCap.sentToday(now) ?? 0;
    // Everything the estimate depends on but the time: while none of it moves, the last answer stands.
    const key = JSON.stringify([remaining, sentToday, linkedAt, pacing, this.settings.dailyCap, this.settings.warmUp, this.settings.quietHours, this.settings.timeZone]);
    return this.etas.get(campaign.id, key, now, () =>
      estimateFinish({
        now,
        remaining,
        pacing,
        sendMs: this.settings.sendMs,
        // Each day's cap, which rises day by day while the number warms up.
        caps: warmUpCaps(
          linkedAt,
          { dailyCap: this.settings.dailyCap, warmUpDays: this.settings.warmUp.days, startCap: this.settings.warmUp.startCap },
          this.settings.timeZone,
        ),
        sentToday,
        quietHours: this.settings.quietHours,
        timeZone: this.settings.timeZone,
      }),
    );
  }

  /** What holds a number's sending now (quiet hours, its daily cap), and until when. */
  holdsOf(sessionName: string): Hold[] {
    const sender = this.dispatcher.session(sessionName);
    if (!sender) return [];
    return holdsAt(this.clock.now(), { quietHours: this.settings.quietHours, timeZone: this.settings.timeZone, dailyCap: sender.dailyCap });
  }

  snapshot(campaignId: number): ProgressSnapshot {
    const campaign = this.repos.campaigns.get(campaignId);
    if (!campaign) throw new NotFoundError('Campaign', campaignId);
    // Between runs a scheduled campaign shows the run to come, not the last one's figures.
    const run = campaign.state === 'scheduled' ? undefined : this.repos.runs.latestOf(campaignId);
    const snapshot = snapshotOf(this.repos, campaign, run, {
      dryRun: this.settings.dryRun,
      linkState: this.dispatcher.session(campaign.sessionName)?.transport.state ?? 'unknown',
      etaFor: (remaining) => this.etaFor(campaign, remaining),
      holds: () => this.holdsOf(campaign.sessionName),
    });
    const variants = run ? variantFigures(this.repos, campaign, [run.id]) : [];
    return variants.length > 0 ? { ...snapshot, variants } : snapshot;
  }

  preview(campaign: Campaign): CampaignPreview {
    return buildPreview(this.repos, campaign, (count) => this.etaFor(campaign, count));
  }
}
