import { basename } from 'node:path';
import type { AppServices } from '../src/app-services.js';
import { defineCommand, text, type Reply } from '../src/core/command.js';
import { formatDuration } from '../src/campaigns/eta.js';
import { writeOutcomeReport } from '../src/campaigns/outcome-report.js';
import { describeState } from '../src/campaigns/run-state.js';
import { renderSummaryChart } from '../src/campaigns/summary-chart.js';
import { ZapcastError } from '../src/core/errors.js';
import { emptyCounts } from '../src/db/repos/run-counters-repo.js';
import type { Campaign } from '../src/db/repos/campaigns-repo.js';

/** The outcome of every run of the campaign as one picture: targeted, sent, delivered, read, replied, failed, skipped, opted out. */
function summaryPicture(services: AppServices, campaign: Campaign): Reply {
  const runs = services.repos.runs.ofCampaign(campaign.id);
  const counts = emptyCounts();
  let targeted = 0;
  let replied = 0;
  let optedOut = 0;
  for (const run of runs) {
    const runCounts = services.repos.counters.forRun(run.id);
    for (const state of Object.keys(counts) as (keyof typeof counts)[]) counts[state] += runCounts[state];
    targeted += Math.max(run.total, Object.values(runCounts).reduce((a, b) => a + b, 0));
    const inbound = services.repos.inbound.repliesOf(run.id);
    replied += inbound.replies;
    optedOut += inbound.optOuts;
  }
  const png = renderSummaryChart({
    title: `${services.dryRun ? '[DRY RUN] ' : ''}Campaign ${campaign.id}: ${describeState(campaign.state)}`,
    subtitle: `list ${campaign.listId}, ${runs.length} run(s), number ${campaign.sessionName}`,
    percentOf: targeted,
    bars: [
      { label: 'targeted', value: targeted, color: [108, 117, 125] },
      { label: 'sent', value: counts.sent + counts.delivered + counts.read, color: [13, 110, 253] },
      { label: 'delivered', value: counts.delivered + counts.read, color: [32, 201, 151] },
      { label: 'read', value: counts.read, color: [25, 135, 84] },
      { label: 'replied', value: replied, color: [111, 66, 193] },
      { label: 'failed', value: counts.failed, color: [220, 53, 69] },
      { label: 'skipped', value: counts.skipped, color: [253, 126, 20] },
      { label: 'opted out', value: optedOut, color: [173, 80, 10] },
    ],
  });
  return { kind: 'image', png, fileName: `campaign-${campaign.id}-summary.png`, caption: `Campaign ${campaign.id} summary` };
}

export default defineCommand({
  name: 'report',
  description: "A CSV of every recipient's outcome and a summary picture",
  readOnly: true,
  options: [{ name: 'campaign', type: 'integer', description: 'The campaign id', required: true }],
  async run(ctx, args) {
    const { services } = ctx;
    const campaignId = args.integer('campaign');
    const campaign = services.campaigns.get(campaignId);
    if (!services.repos.runs.latestOf(campaignId)) throw new ZapcastError(`campaign ${campaignId} has not run yet; there is nothing to report.`);
    const receiptTimeoutMs = services.config.safety.receiptTimeoutMs;
    const { path, rows, noReceipt } = await writeOutcomeReport(services.repos, campaign.id, services.paths.exports, { now: services.clock.now(), receiptTimeoutMs });
    const overdue = noReceipt > 0 ? `\n${noReceipt} sent message(s) have had no receipt for over ${formatDuration(receiptTimeoutMs)} ("no receipt"): they left, but WhatsApp has not said they arrived.` : '';
    return [
      text(`Report for campaign ${campaignId}: ${rows} recipient(s), written to ${path}${overdue}`),
      { kind: 'file', path, fileName: basename(path), caption: `Campaign ${campaignId} outcomes` },
      summaryPicture(services, campaign),
    ];
  },
});
