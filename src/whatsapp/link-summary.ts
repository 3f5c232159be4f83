import type { WhatsAppTransport } from './transport.js';

/** The link state in a line an operator understands: "reconnecting (attempt 3, next try in 8 s)". */
export function describeLink(transport: WhatsAppTransport, now: number): string {
  switch (transport.state) {
    case 'reconnecting': {
      const retry = transport.retry;
      if (!retry) return 'reconnecting';
      const wait = Math.max(0, Math.ceil((retry.at - now) / 1000));
      return `reconnecting (attempt ${retry.attempt}, ${wait > 0 ? `next try in ${wait} s` : 'trying now'})`;
    }
    case 'qr':
      return 'waiting for the QR to be scanned (/qr)';
    case 'logged_out':
      return 'logged out (/qr or /pair to link again)';
    case 'stopped':
      return transport.lastClose ? `stopped: ${transport.lastClose.reason}` : 'stopped';
    default:
      return transport.state;
  }
}
