import { defineCommand } from '../src/core/command.js';

/**
 * Starting a campaign is /run, not /start: on Telegram /start belongs to
 * onboarding, and a t.me/<bot>?start=7 link makes the app send "/start 7" for
 * whoever opens it. No link can produce /run.
 */
export default defineCommand({
  name: 'run',
  description: 'Start sending a campaign now (the preview’s Start button does the same)',
  options: [{ name: 'campaign', type: 'integer', description: 'The campaign id', required: true }],
  async run(ctx, args) {
    const campaignId = args.integer('campaign');
    await ctx.services.campaigns.start(campaignId);
    return { kind: 'progress', campaignId };
  },
});
