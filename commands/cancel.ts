import { defineCommand, text } from '../src/core/command.js';
import { ZapcastError } from '../src/core/errors.js';

export default defineCommand({
  name: 'cancel',
  description: 'Cancel a draft or scheduled campaign before it starts',
  options: [{ name: 'campaign', type: 'integer', description: 'The campaign id', required: true }],
  async run(ctx, args) {
    const campaignId = args.integer('campaign');
    const campaign = ctx.services.campaigns.get(campaignId);
    if (campaign.state !== 'draft' && campaign.state !== 'scheduled') {
      throw new ZapcastError(`campaign ${campaignId} is ${campaign.state.replace(/_/g, ' ')}; only a draft or scheduled campaign can be cancelled (use /stop ${campaignId}).`);
    }
    ctx.services.campaigns.stop(campaignId);
    return text(`Campaign ${campaignId} cancelled; nothing was sent.`);
  },
});
