import { defineCommand, text } from '../src/core/command.js';

export default defineCommand({
  name: 'forget',
  description: "Erase a person: from every list, from the texts of the messages sent to them, and from the exports",
  options: [{ name: 'phone', type: 'string', description: 'The number, with +country code or in the default country', required: true, rest: true }],
  help: [
    'For an erasure request (LGPD, GDPR). Counts and outcomes in reports stay; the number, the name and the texts go.',
    'An opt-out is kept, so the person is never messaged again; without one, a later import of a file that has the number brings it back.',
  ],
  async run(ctx, args) {
    const { services } = ctx;
    // Phone metadata is large: it loads on the first command that needs it, not at every start.
    const { phoneArgument } = await import('../src/contacts/phone-argument.js');
    const phone = phoneArgument(args.string('phone'), services.config.defaultCountry);
    const { forgetPerson } = await import('../src/contacts/forget-person.js');
    const done = await forgetPerson(services.repos, phone, services.paths.exports);
    const lists = done.lists.length === 0 ? 'no list' : `list${done.lists.length > 1 ? 's' : ''} ${done.lists.join(', ')}`;
    const keep = done.optedOut
      ? 'It stays on the suppression list, so no campaign will message it.'
      : `It is not on the suppression list: /optout ${phone} keeps it off every campaign, even if a later import has it.`;
    return text(`${phone} erased from ${lists}, ${done.messages} message(s) and ${done.exportRows} export row(s). ${keep}`);
  },
});
