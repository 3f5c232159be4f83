import { defineCommand, text } from '../src/core/command.js';
import { normalisePhone } from '../src/contacts/phone.js';
import { ZapcastError } from '../src/core/errors.js';

export default defineCommand({
  name: 'test',
  description: 'Send one message to one number, outside any campaign',
  options: [
    { name: 'phone', type: 'string', description: 'The number, with +country code or in the default country', required: true },
    { name: 'message', type: 'string', description: 'The text to send', required: true, rest: true },
  ],
  async run(ctx, args) {
    const { services } = ctx;
    const phone = normalisePhone(args.string('phone'), services.config.defaultCountry);
    if (!phone.ok) throw new ZapcastError(`"${args.string('phone')}" is not a phone number I can use: ${phone.reason}.`);
    if (services.repos.optOuts.has(phone.e164)) throw new ZapcastError(`${phone.e164} has opted out; zapcast will not message it.`);
    const session = services.dispatcher.defaultSessionName();
    const id = await services.dispatcher.sendDirect(session, phone.e164, args.string('message'), () => services.clock.now());
    return text(`${services.dryRun ? '[DRY RUN] ' : ''}Sent to ${phone.e164} (message id ${id}).`);
  },
});
