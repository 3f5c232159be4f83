import { defineCommand, text } from '../src/core/command.js';
import { ZapcastError } from '../src/core/errors.js';
import { qrToPng } from '../src/whatsapp/qr-render.js';

const WAITING: Record<string, string> = {
  idle: 'has not started connecting yet',
  connecting: 'is connecting to WhatsApp and has no QR code yet',
  reconnecting: 'is reconnecting to WhatsApp',
  logged_out: 'was logged out; a new QR code follows when it connects again',
  stopped: 'is stopped',
};

export default defineCommand({
  name: 'qr',
  description: 'Show the QR code that links a WhatsApp number (scan it in WhatsApp > Linked devices)',
  readOnly: true,
  options: [{ name: 'session', type: 'string', description: 'The WhatsApp number to link (the only one by default)' }],
  async run(ctx, args) {
    const { services } = ctx;
    const sessionName = args.optionalString('session') ?? services.dispatcher.defaultSessionName();
    const status = services.links.status(sessionName);
    if (!status) throw new ZapcastError(`There is no WhatsApp number called ${sessionName}; the numbers are ${services.links.sessionNames().join(', ')}.`);
    const dry = services.dryRun ? '[DRY RUN] ' : '';
    if (status.state === 'open') {
      return text(`${dry}WhatsApp ${sessionName} is already linked${status.phone ? ` as ${status.phone}` : ''}; there is nothing to scan.`);
    }
    if (!status.qr) {
      return text(`${dry}WhatsApp ${sessionName} ${WAITING[status.state] ?? `is ${status.state}`}. Send /qr again in a few seconds.`);
    }
    const png = await qrToPng(status.qr.code);
    const simulated = services.dryRun ? ' [DRY RUN: a simulated code; the number links by itself]' : '';
    return {
      kind: 'image',
      png,
      fileName: `whatsapp-${sessionName}-qr.png`,
      caption: `Scan with WhatsApp on the phone of ${sessionName}: Settings > Linked devices > Link a device.${simulated} The code changes every few seconds; this picture follows it.`,
      qrSession: sessionName,
      // Whoever scans it links their phone as this business: never shown in a group.
      privateOnly: true,
    };
  },
});
