import type { Repositories } from '../db/repositories.js';
import type { Campaign } from '../db/repos/campaigns-repo.js';
import { emptyCounts } from '../db/repos/run-counters-repo.js';
import type { BesideFigures, FunnelFigures, VariantFigures } from './summary-chart.js';
import { rateSeries, type RateSeries } from './summary-rates.js';
import { variantFigures } from './variant-figures.js';

export interface CampaignFigures {
  runs: number;
  funnel: FunnelFigures;
  beside: BesideFigures;
  /** Sends and deliveries over the latest run. */
  rates?: RateSeries;
  /** The latest run's first message that still has its text, and to whom it went. */
  firstMessage?: { to: string | null; text: string };
  /** Each template variant over every run, side by side (an A/B test for free); empty without variations. */
  variants: VariantFigures[];
}

/**
 * The outcome of every run of a campaign, for the summary picture: the funnel
 * targeted → sent → delivered → read → replied, and beside it failed, skipped,
 * opted out, not sent (still waiting, or left when the campaign stopped) and
 * unknown. Every targeted message is in exactly one of sent, failed, skipped,
 * not sent and unknown, so nothing is left out of the picture.
 */
export function campaignFigures(repos: Repositories, campaign: Campaign): CampaignFigures {
  const runs = repos.runs.ofCampaign(campaign.id);
  const counts = emptyCounts();
  let targeted = 0;
  let replied = 0;
  let optedOut = 0;
  for (const run of runs) {
    const runCounts = repos.counters.forRun(run.id);
    for (const state of Object.keys(counts) as (keyof typeof counts)[]) counts[state] += runCounts[state];
    targeted += Math.max(run.total, Object.values(runCounts).reduce((a, b) => a + b, 0));
    const inbound = repos.inbound.repliesOf(run.id);
    replied += inbound.replies;
    optedOut += inbound.optOuts;
  }
  const funnel: FunnelFigures = { targeted, sent: counts.sent + counts.delivered + counts.read, delivered: counts.delivered + counts.read, read: counts.read, replied };
  const beside: BesideFigures = { failed: counts.failed, skipped: counts.skipped, optedOut, notSent: counts.pending + counts.sending, unknown: counts.unknown };

  const variants = variantFigures(repos, campaign, runs.map((r) => r.id)).map(({ label, sent, delivered, read, replied }) => ({ label, sent, delivered, read, replied }));
  const latest = repos.runs.latestOf(campaign.id);
  if (!latest) return { runs: runs.length, funnel, beside, variants };
  let firstMessage: CampaignFigures['firstMessage'];
  const times: { sentAt: number | null; deliveredAt: number | null }[] = [];
  for (const message of repos.messages.ofRun(latest.id)) {
    // A read receipt may come without a delivery one: it was delivered all the same.
    times.push({ sentAt: message.sentAt, deliveredAt: message.deliveredAt ?? message.readAt });
    if (!firstMessage && message.sentAt !== null && message.body) firstMessage = { to: message.contactName, text: message.body };
  }
  const rates = rateSeries(times);
  return { runs: runs.length, funnel, beside, variants, ...(rates ? { rates } : {}), ...(firstMessage ? { firstMessage } : {}) };
}
