import { defineCommand, text } from '../src/core/command.js';
import { inboxLines } from '../src/inbox/inbox-service.js';

export default defineCommand({
  name: 'inbox',
  description: 'List the people who wrote in and are not answered yet',
  options: [{ name: 'campaign', type: 'integer', description: 'Only those answering this campaign' }],
  help: ['Newest first. Answer with /reply <phone> <text>; /mute <phone> stops forwarding what someone writes.'],
  readOnly: true,
  async run(ctx, args) {
    return text(inboxLines(ctx.services, args.optionalInteger('campaign')).join('\n'));
  },
});
