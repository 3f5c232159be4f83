import { defineCommand, text } from '../src/core/command.js';

export default defineCommand({
  name: 'pause',
  description: 'Pause a running campaign (the message in flight still goes out)',
  options: [{ name: 'campaign', type: 'integer', description: 'The campaign id', required: true }],
  async run(ctx, args) {
    const campaignId = args.integer('campaign');
    ctx.services.campaigns.pause(campaignId, `paused by ${ctx.invocation.actor.name}`);
    return [text(`Campaign ${campaignId} paused. /resume ${campaignId} to go on.`), { kind: 'progress', campaignId }];
  },
});
