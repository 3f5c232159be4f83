import { defineCommand, text } from '../src/core/command.js';

export default defineCommand({
  name: 'optin',
  description: 'Take a number off the suppression list, when the person asks to hear from you again',
  options: [{ name: 'phone', type: 'string', description: 'The number, with +country code or in the default country', required: true, rest: true }],
  help: ['Campaigns started from now on include it again; messages already skipped stay skipped.'],
  async run(ctx, args) {
    const { services } = ctx;
    // Phone metadata is large: it loads on the first command that needs it, not at every start.
    const { phoneArgument } = await import('../src/contacts/phone-argument.js');
    const phone = phoneArgument(args.string('phone'), services.config.defaultCountry);
    if (!services.repos.optOuts.remove(phone)) return text(`${phone} is not on the suppression list; nothing changed.`);
    return text(`${phone} is off the suppression list: campaigns started from now on may message it again.`);
  },
});
