import { defineCommand, text } from '../src/core/command.js';
import { describeState } from '../src/campaigns/run-state.js';
import { clipToCharacters } from '../src/core/text-clip.js';

export default defineCommand({
  name: 'campaigns',
  description: 'List the campaigns and their states',
  readOnly: true,
  options: [],
  async run(ctx) {
    const campaigns = ctx.services.repos.campaigns.list();
    if (campaigns.length === 0) return text('No campaigns yet. Create one with /send <list> <message>.');
    const lines = campaigns.map((c) => {
      const preview = clipToCharacters(c.template.replace(/\s+/g, ' '), 40);
      return `Campaign ${c.id}: ${describeState(c.state)}, list ${c.listId}, "${preview}"`;
    });
    return text(lines.join('\n'));
  },
});
