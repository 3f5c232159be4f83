import { defineCommand, text } from '../src/core/command.js';
import { assertRunTransition } from '../src/campaigns/run-state.js';

export default defineCommand({
  name: 'stop',
  description: 'Stop a campaign for good (what was sent stays sent)',
  options: [{ name: 'campaign', type: 'integer', description: 'The campaign id', required: true }],
  confirm(args, ctx) {
    const campaignId = args.integer('campaign');
    const campaign = ctx.services.campaigns.get(campaignId);
    // Refuse a campaign that cannot be stopped now, rather than ask a question whose answer would be refused.
    assertRunTransition(campaignId, campaign.state, 'stopped', campaign.state === 'draft' || campaign.state === 'scheduled' ? 'cancel' : 'stop');
    const progress = ctx.services.status.snapshot(campaignId);
    const left = progress.counts.pending + progress.counts.sending;
    const figures = progress.runId === null ? 'Nothing was sent yet' : `${progress.sent} of ${progress.total} sent so far; the other ${left} will not be sent`;
    return `Stop campaign ${campaignId} for good? ${figures}, and its schedules end. This cannot be undone.`;
  },
  async run(ctx, args) {
    const campaignId = args.integer('campaign');
    ctx.services.campaigns.stop(campaignId);
    return [text(`Campaign ${campaignId} stopped.`), { kind: 'progress', campaignId }];
  },
});
