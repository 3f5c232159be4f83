import { rmSync } from 'node:fs';
import { defineCommand, text } from '../src/core/command.js';
import { ZapcastError } from '../src/core/errors.js';
import { describeState, FINISHED_RUN_STATES } from '../src/campaigns/run-state.js';

export default defineCommand({
  name: 'cancel',
  description: 'Delete a draft, or cancel a scheduled campaign before it starts',
  options: [{ name: 'campaign', type: 'integer', description: 'The campaign id', required: true }],
  async run(ctx, args) {
    const campaignId = args.integer('campaign');
    const campaign = ctx.services.campaigns.get(campaignId);
    if (FINISHED_RUN_STATES.includes(campaign.state)) throw new ZapcastError(`campaign ${campaignId} is ${campaign.state}; there is nothing left to cancel.`);
    if (campaign.state !== 'draft' && campaign.state !== 'scheduled') {
      throw new ZapcastError(`campaign ${campaignId} is ${describeState(campaign.state)}, so it has started; /stop ${campaignId} ends it, and what was sent stays sent.`);
    }
    if (campaign.state === 'draft') {
      const { unusedMedia } = ctx.services.campaigns.deleteDraft(campaignId);
      if (unusedMedia) rmSync(unusedMedia, { force: true });
      return text(`Campaign ${campaignId} (a draft) deleted; nothing was sent.`);
    }
    ctx.services.campaigns.stop(campaignId, 'cancel');
    return text(`Campaign ${campaignId} cancelled, with its schedules; nothing was sent.`);
  },
});
