import { defineCommand, text } from '../src/core/command.js';

export default defineCommand({
  name: 'optout',
  description: 'Put a number on the suppression list by hand (a request by phone, e-mail, LGPD/GDPR)',
  options: [{ name: 'phone', type: 'string', description: 'The number, with +country code or in the default country', required: true, rest: true }],
  help: ['No campaign on any number messages it again; its queued messages are skipped. /optin undoes it.'],
  async run(ctx, args) {
    const { services } = ctx;
    // Phone metadata is large: it loads on the first command that needs it, not at every start.
    const { phoneArgument } = await import('../src/contacts/phone-argument.js');
    const phone = phoneArgument(args.string('phone'), services.config.defaultCountry);
    const actor = ctx.invocation.actor;
    const added = services.repos.optOuts.add(phone, 'asked an operator', `${ctx.invocation.frontEnd}:${actor.id} (${actor.name})`, services.clock.now());
    if (!added) return text(`${phone} was already on the suppression list; nothing changed.`);
    return text(`${phone} is on the suppression list: no campaign will message it, and its queued messages are skipped.`);
  },
});
