import type { Repositories } from '../db/repositories.js';
import type { Campaign } from '../db/repos/campaigns-repo.js';
import { emptyCounts } from '../db/repos/run-counters-repo.js';
import type { SummaryBar } from './summary-chart.js';
import { variantFigures } from './variant-figures.js';

/** One variant of the template's variations over every run; empty list without variations. */
export interface VariantSummary {
  label: string;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
}

/**
 * The outcome of every run of a campaign as the summary picture's bars:
 * targeted, sent, delivered, read, replied, failed, skipped, not sent (still
 * waiting, or left when the campaign stopped), unknown, opted out. Every
 * targeted message is in exactly one of sent, failed, skipped, not sent and
 * unknown, so nothing is left out of the picture.
 */
export function summaryBars(
  repos: Repositories,
  campaign: Campaign,
): { runs: number; targeted: number; bars: SummaryBar[]; variants: VariantSummary[] } {
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
  const bars: SummaryBar[] = [
    { label: 'targeted', value: targeted, color: [108, 117, 125] },
    { label: 'sent', value: counts.sent + counts.delivered + counts.read, color: [13, 110, 253] },
    { label: 'delivered', value: counts.delivered + counts.read, color: [32, 201, 151] },
    { label: 'read', value: counts.read, color: [25, 135, 84] },
    { label: 'replied', value: replied, color: [111, 66, 193] },
    { label: 'failed', value: counts.failed, color: [220, 53, 69] },
    { label: 'skipped', value: counts.skipped, color: [253, 126, 20] },
    { label: 'not sent', value: counts.pending + counts.sending, color: [173, 181, 189] },
    { label: 'unknown', value: counts.unknown, color: [255, 193, 7] },
    { label: 'opted out', value: optedOut, color: [173, 80, 10] },
  ];
  // Side by side in the picture: which wording works (an A/B test for free).
  const variants = variantFigures(repos, campaign, runs.map((r) => r.id)).map(({ label, sent, delivered, read, replied }) => ({ label, sent, delivered, read, replied }));
  return { runs: runs.length, targeted, bars, variants };
}
