import { defineCommand, text } from '../src/core/command.js';
import { findConversation, who } from '../src/inbox/inbox-service.js';

export default defineCommand({
  name: 'mute',
  description: "Stop forwarding what someone writes (it is still kept and listed in /inbox)",
  options: [
    { name: 'to', type: 'string', description: 'Their number, or their name as /inbox shows it', required: true },
    { name: 'off', type: 'boolean', description: 'Forward them again', keyword: true },
  ],
  async run(ctx, args) {
    const { services } = ctx;
    const conversation = await findConversation(services, args.string('to'));
    const muted = !args.boolean('off');
    services.repos.inbox.setMuted(conversation.phone, muted);
    return text(
      muted
        ? `${who(conversation)} is muted: what they write is kept and listed in /inbox, not forwarded. /mute ${conversation.phone} off undoes it.`
        : `${who(conversation)} is forwarded again.`,
    );
  },
});
