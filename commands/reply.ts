import { defineCommand, text } from '../src/core/command.js';
import { findConversation, queueReply, who } from '../src/inbox/inbox-service.js';

/** Where an answer can be written besides the command itself, per front-end. */
const IN_CHAT: Record<string, string> = {
  telegram: 'reply to the forwarded message with your text, or send',
  discord: "write in the contact's thread, or use",
  console: 'type',
};

export default defineCommand({
  name: 'reply',
  description: 'Answer someone who wrote to the WhatsApp number, outside any campaign',
  options: [
    { name: 'to', type: 'string', description: 'Their number, or their name as /inbox shows it', required: true },
    { name: 'text', type: 'string', description: 'The answer', rest: true },
  ],
  help: [
    'The answer goes from the number they wrote to, at its pace, within its daily cap and quiet hours, and not while the safety breaker holds it.',
    'On Telegram, replying to a forwarded message answers that person; on Discord, writing in their thread does.',
  ],
  async run(ctx, args) {
    const { services } = ctx;
    const conversation = await findConversation(services, args.string('to'));
    const body = args.optionalString('text');
    if (body === undefined || body.trim() === '') {
      const where = IN_CHAT[ctx.invocation.frontEnd] ?? 'send';
      return text(`Answer ${who(conversation)}: ${where} /reply ${conversation.phone} <text>.`);
    }
    const actor = ctx.invocation.actor;
    return text(queueReply(services, conversation, body, `${ctx.invocation.frontEnd}:${actor.id} (${actor.name})`));
  },
});
