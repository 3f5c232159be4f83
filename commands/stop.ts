import { defineCommand, text } from '../src/core/command.js';

export default defineCommand({
  name: 'stop',
  description: 'Stop a campaign for good (what was sent stays sent)',
  options: [{ name: 'campaign', type: 'integer', description: 'The campaign id', required: true }],
  async run(ctx, args) {
    const campaignId = args.integer('campaign');
    ctx.services.campaigns.stop(campaignId);
    return [text(`Campaign ${campaignId} stopped.`), { kind: 'progress', campaignId }];
  },
});
