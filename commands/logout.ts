import { defineCommand, text } from '../src/core/command.js';

export default defineCommand({
  name: 'logout',
  description: 'Unlink a WhatsApp number from zapcast (its campaigns wait until it is linked again)',
  options: [{ name: 'session', type: 'string', description: 'The session to unlink (the first one by default)' }],
  confirm(args, ctx) {
    const sender = ctx.services.dispatcher.resolve(args.optionalString('session'));
    const name = sender.transport.sessionName;
    const phone = ctx.services.repos.waSessions.get(name)?.phone;
    return `Log WhatsApp ${name}${phone ? ` (${phone})` : ''} out of zapcast? Its campaigns wait until it is linked again, which takes a scan of a new QR code on that phone.`;
  },
  async run(ctx, args) {
    const sender = ctx.services.dispatcher.resolve(args.optionalString('session'));
    await sender.transport.logout();
    return text(`WhatsApp ${sender.transport.sessionName} is logged out. Send /qr ${sender.transport.sessionName} or /pair <phone> ${sender.transport.sessionName} to link a number again.`);
  },
});
