import { defineCommand } from '../src/core/command.js';

export default defineCommand({
  name: 'start',
  description: 'Start sending a campaign now',
  options: [{ name: 'campaign', type: 'integer', description: 'The campaign id', required: true }],
  async run(ctx, args) {
    const campaignId = args.integer('campaign');
    await ctx.services.campaigns.start(campaignId);
    return { kind: 'progress', campaignId };
  },
});
