import { defineCommand, text } from '../src/core/command.js';
import { assertWithinLimit, parseTemplate, renderForMessage } from '../src/campaigns/template.js';
import { ZapcastError } from '../src/core/errors.js';

export default defineCommand({
  name: 'test',
  description: 'Send one message to one number, outside any campaign',
  options: [
    { name: 'phone', type: 'string', description: 'The number, with +country code or in the default country', required: true },
    { name: 'message', type: 'string', description: 'The text; {name} and {column} are filled from the contact with this number, if a list has one', required: true, rest: true },
  ],
  help: ['{name} and the other variables are filled from the contact most recently imported with this number; with none, fallbacks ({name|friend}) are used and the rest left empty.'],
  async run(ctx, args) {
    const { services } = ctx;
    // Phone metadata is large: it loads on the first command that needs it, not at every start.
    const { normalisePhone } = await import('../src/contacts/phone.js');
    const phone = normalisePhone(args.string('phone'), services.config.defaultCountry);
    if (!phone.ok) throw new ZapcastError(`"${args.string('phone')}" is not a phone number I can use: ${phone.reason}.`);
    if (services.repos.optOuts.has(phone.e164)) throw new ZapcastError(`${phone.e164} has opted out; zapcast will not message it.`);
    const template = parseTemplate(args.string('message'));
    // Only a message with variables needs a contact: the lookup scans the contacts.
    const contact = template.variables.length > 0 ? services.repos.contacts.latestByPhone(phone.e164) : undefined;
    // A variation takes the alternative the moment's seed picks, as a campaign message takes its id's.
    const { body } = renderForMessage(template, { name: contact?.name ?? null, phone: phone.e164, fields: contact?.fields ?? {} }, services.clock.now());
    assertWithinLimit(body);
    const session = services.dispatcher.defaultSessionName();
    const id = await services.dispatcher.sendDirect(session, phone.e164, body, () => services.clock.now());
    const variables = template.variables.map((v) => `{${v}}`).join(', ');
    const filled =
      template.variables.length === 0
        ? ''
        : contact
          ? ` ${variables} filled from list ${contact.listId}'s contact${contact.name ? ` ${contact.name}` : ''}.`
          : ` No list has ${phone.e164}, so ${variables} got ${template.variables.length === 1 ? 'its fallback or nothing' : 'their fallbacks or nothing'}.`;
    return text(`${services.dryRun ? '[DRY RUN] ' : ''}Sent to ${phone.e164} (message id ${id}): ${body}${filled}`);
  },
});
