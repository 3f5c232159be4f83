import type { Clock } from '../../core/clock.js';
import { NotConnectedError, ZapcastError } from '../../core/errors.js';
import type { TypedEmitter } from '../../core/typed-emitter.js';
import type { LinkState, TransportEvents } from '../transport.js';

/** The digits WhatsApp wants for a pairing code; throws a clear error for anything that is not an international number. */
export function pairingDigits(phone: string): string {
  const digits = phone.replace(/[\s()+-]/g, '');
  if (!/^\d{8,15}$/.test(digits)) throw new ZapcastError(`${phone} is not a phone number in international format (such as +5511912345678).`);
  return digits;
}

export function alreadyLinked(sessionName: string): ZapcastError {
  return new ZapcastError(`WhatsApp number ${sessionName} is already linked; log it out first to link another phone.`);
}

/**
 * Resolves once the link offers a QR (then WhatsApp also takes a pairing-code
 * request); rejects when it opens instead, stops, or `timeoutMs` passes.
 */
export function waitForLoginOffer(
  link: { readonly state: LinkState; readonly events: TypedEmitter<TransportEvents>; readonly sessionName: string },
  clock: Clock,
  timeoutMs: number,
  stopReason: () => string,
): Promise<void> {
  if (link.state === 'qr') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      timer.cancel();
      off();
      if (error) reject(error);
      else resolve();
    };
    const timer = clock.setTimer(timeoutMs, () =>
      finish(new NotConnectedError(`WhatsApp was not ready to link within ${Math.round(timeoutMs / 1000)} s (the link is ${link.state}); try again.`)),
    );
    const off = link.events.on('state', ({ state }) => {
      if (state === 'qr') finish();
      else if (state === 'open') finish(alreadyLinked(link.sessionName));
      else if (state === 'stopped') finish(new NotConnectedError(`WhatsApp session ${link.sessionName} stopped: ${stopReason()}.`));
    });
  });
}
