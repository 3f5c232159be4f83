import { defineCommand, text, type Reply } from '../src/core/command.js';
import { describeLink } from '../src/whatsapp/link-summary.js';

export default defineCommand({
  name: 'status',
  description: 'Progress of a campaign, or an overview of the link and active campaigns',
  readOnly: true,
  options: [{ name: 'campaign', type: 'integer', description: 'The campaign id' }],
  async run(ctx, args) {
    const { services } = ctx;
    const campaignId = args.optionalInteger('campaign');
    if (campaignId !== undefined) {
      services.campaigns.get(campaignId);
      return { kind: 'progress', campaignId };
    }
    const lines = services.dispatcher.sessionNames().map((name) => {
      const sender = services.dispatcher.session(name)!;
      const sentToday = sender.dailyCap.sentToday(services.clock.now());
      const capToday = sender.dailyCap.capToday(services.clock.now());
      const cap = capToday > 0 ? ` of ${capToday}` : '';
      return `${services.dryRun ? '[DRY RUN] ' : ''}WhatsApp ${name}: ${describeLink(sender.transport, services.clock.now())}; sent today ${sentToday}${cap}`;
    });
    const active = services.repos.campaigns.inStates(['running', 'paused', 'waiting_for_login', 'scheduled']);
    const replies: Reply[] = [text(lines.join('\n') + (active.length === 0 ? '\nNo active campaigns.' : ''))];
    for (const campaign of active) replies.push({ kind: 'progress', campaignId: campaign.id });
    return replies;
  },
});
