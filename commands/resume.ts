import { defineCommand, text, type Reply } from '../src/core/command.js';

export default defineCommand({
  name: 'resume',
  description: 'Resume a paused campaign; resend-unknown also resends messages interrupted by a crash',
  options: [
    { name: 'campaign', type: 'integer', description: 'The campaign id', required: true },
    { name: 'resend-unknown', type: 'boolean', description: 'Resend messages whose outcome is unknown, with their original ids' },
  ],
  async run(ctx, args) {
    const campaignId = args.integer('campaign');
    const outcome = ctx.services.campaigns.resume(campaignId, { resendUnknown: args.boolean('resend-unknown') });
    const replies: Reply[] = [];
    if (outcome.resent > 0) replies.push(text(`Campaign ${campaignId} resumed; ${outcome.resent} message(s) with an unknown outcome will be sent again with their original ids.`));
    else replies.push(text(`Campaign ${campaignId} resumed.`));
    if (outcome.unknown > 0) {
      replies.push(
        text(`${outcome.unknown} message(s) were interrupted mid-send and may or may not have arrived. /resume ${campaignId} resend-unknown sends them again.`, [
          { label: 'Resend unknown', command: `/resume ${campaignId} resend-unknown` },
        ]),
      );
    }
    replies.push({ kind: 'progress', campaignId });
    return replies;
  },
});
