import { basename } from 'node:path';
import type { AppServices } from '../src/app-services.js';
import { defineCommand, text, type Reply } from '../src/core/command.js';
import { formatDuration } from '../src/campaigns/eta.js';
import { reportStamp, writeOutcomeReport } from '../src/campaigns/outcome-report.js';
import { describeState } from '../src/campaigns/run-state.js';
import { ZapcastError } from '../src/core/errors.js';
import { campaignFigures } from '../src/campaigns/campaign-summary.js';
import type { Campaign } from '../src/db/repos/campaigns-repo.js';

/** The summary picture, named like its CSV so the next /report does not overwrite it. */
async function summaryPicture(services: AppServices, campaign: Campaign, stamp: string): Promise<Reply> {
  // The renderer loads on the first /report, not at every start.
  const { renderSummaryChart } = await import('../src/campaigns/summary-chart.js');
  const figures = campaignFigures(services.repos, campaign);
  const list = services.repos.lists.get(campaign.listId);
  const first = figures.firstMessage;
  const png = await renderSummaryChart({
    title: `${services.dryRun ? '[DRY RUN] ' : ''}Campaign ${campaign.id}: ${describeState(campaign.state)}`,
    subtitle: `list ${campaign.listId}${list ? ` “${list.name}”` : ''}, ${figures.runs} run(s), number ${campaign.sessionName}`,
    ...(first ? { note: `First message${first.to ? `, to ${first.to}` : ''}: “${first.text.replace(/\s+/g, ' ')}”` } : {}),
    funnel: figures.funnel,
    beside: figures.beside,
    ...(figures.rates ? { rates: figures.rates } : {}),
    ...(figures.variants.length > 0 ? { variants: figures.variants } : {}),
    timeZone: services.config.timeZone,
  });
  return { kind: 'image', png, fileName: `campaign-${campaign.id}-summary-${stamp}.png`, caption: `Campaign ${campaign.id} summary` };
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
    const now = services.clock.now();
    const receiptTimeoutMs = services.config.safety.receiptTimeoutMs;
    const format = { separator: services.config.exportSeparator, timeZone: services.config.timeZone };
    const { path, rows, noReceipt } = await writeOutcomeReport(services.repos, campaign.id, services.paths.exports, { now, receiptTimeoutMs }, format);
    const overdue = noReceipt > 0 ? `\n${noReceipt} sent message(s) have had no receipt for over ${formatDuration(receiptTimeoutMs)} ("no receipt"): they left, but WhatsApp has not said they arrived.` : '';
    return [
      text(`Report for campaign ${campaignId}: ${rows} recipient(s), written to ${path}${overdue}`),
      { kind: 'file', path, fileName: basename(path), caption: `Campaign ${campaignId} outcomes` },
      await summaryPicture(services, campaign, reportStamp(now)),
    ];
  },
});
