import { defineCommand, text } from '../src/core/command.js';

export default defineCommand({
  name: 'logout',
  description: 'Unlink a WhatsApp number from zapcast (its campaigns wait until it is linked again)',
  options: [{ name: 'session', type: 'string', description: 'The session to unlink (the first one by default)' }],
  async run(ctx, args) {
    const sender = ctx.services.dispatcher.resolve(args.optionalString('session'));
    await sender.transport.logout();
    return text(`WhatsApp ${sender.transport.sessionName} is logged out. Send /qr ${sender.transport.sessionName} or /pair <phone> ${sender.transport.sessionName} to link a number again.`);
  },
});
