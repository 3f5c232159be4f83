import { defineCommand } from '../src/core/command.js';
import { ZapcastError } from '../src/core/errors.js';

export default defineCommand({
  name: 'pair',
  description: 'Link a WhatsApp number with an 8-character code instead of scanning the QR',
  options: [
    { name: 'phone', type: 'string', description: 'The WhatsApp number to link, with its country code', required: true },
    { name: 'session', type: 'string', description: 'The session to link (the first one by default)' },
  ],
  help: ['On the phone: WhatsApp > Linked devices > Link a device > Link with phone number instead, then type the code.'],
  async run(ctx, args) {
    const { services } = ctx;
    const sender = services.dispatcher.resolve(args.optionalString('session'));
    // Phone metadata is large: it loads on the first command that needs it, not at every start.
    const { normalisePhone } = await import('../src/contacts/phone.js');
    const phone = normalisePhone(args.string('phone'), services.config.defaultCountry);
    if (!phone.ok) throw new ZapcastError(`"${args.string('phone')}" is not a phone number I can use: ${phone.reason}.`);
    const code = await sender.transport.requestPairingCode(phone.e164);
    return {
      kind: 'text',
      text: `${services.dryRun ? '[DRY RUN] ' : ''}Pairing code for ${phone.e164} on session ${sender.transport.sessionName}: ${code}\nOn the phone: WhatsApp > Linked devices > Link a device > Link with phone number instead.`,
      // Whoever reads the code can link their phone as this business: never shown in a group.
      privateOnly: true,
    };
  },
});
