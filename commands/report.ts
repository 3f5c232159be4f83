import { basename } from 'node:path';
import { defineCommand, text } from '../src/core/command.js';
import { writeOutcomeReport } from '../src/campaigns/outcome-report.js';
import { ZapcastError } from '../src/core/errors.js';

export default defineCommand({
  name: 'report',
  description: "Write a CSV of every recipient's outcome",
  options: [{ name: 'campaign', type: 'integer', description: 'The campaign id', required: true }],
  async run(ctx, args) {
    const { services } = ctx;
    const campaignId = args.integer('campaign');
    const campaign = services.campaigns.get(campaignId);
    if (!services.repos.runs.latestOf(campaignId)) throw new ZapcastError(`campaign ${campaignId} has not run yet; there is nothing to report.`);
    const { path, rows } = await writeOutcomeReport(services.repos, campaign.id, services.paths.exports, services.clock.now());
    return [
      text(`Report for campaign ${campaignId}: ${rows} recipient(s), written to ${path}`),
      { kind: 'file', path, fileName: basename(path), caption: `Campaign ${campaignId} outcomes` },
    ];
  },
});
