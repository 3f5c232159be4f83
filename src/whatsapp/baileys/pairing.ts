import { DisconnectReason, type AuthenticationCreds } from 'baileys';
import type { Clock } from '../../core/clock.js';
import { NotConnectedError, ZapcastError } from '../../core/errors.js';
import type { TypedEmitter } from '../../core/typed-emitter.js';
import type { LinkState, TransportEvents } from '../transport.js';
import { classifyClose, type CloseDecision } from './close-reason.js';
import type { BaileysSocket } from './socket-port.js';

/** The digits WhatsApp wants for a pairing code; throws a clear error for anything that is not an international number. */
export function pairingDigits(phone: string): string {
  const digits = phone.replace(/[\s()+-]/g, '');
  if (!/^\d{8,15}$/.test(digits)) throw new ZapcastError(`${phone} is not a phone number in international format (such as +5511912345678).`);
  return digits;
}

export function alreadyLinked(sessionName: string): ZapcastError {
  return new ZapcastError(`WhatsApp number ${sessionName} is already linked; log it out first to link another phone.`);
}

/** The link as a pairing request sees it. */
export interface PairingLink {
  readonly state: LinkState;
  readonly isRegistered: boolean;
  readonly sessionName: string;
  readonly events: TypedEmitter<TransportEvents>;
  connect(): Promise<void>;
}

/**
 * The 8-character code to type on the phone for `phone`: starts the link when
 * it is not running and waits (up to `waitMs`) for WhatsApp to offer a login,
 * since only then does it take a pairing request.
 */
export async function requestPairingCode(
  link: PairingLink,
  phone: string,
  deps: { clock: Clock; waitMs: number; socket(): BaileysSocket | undefined; stopReason(): string },
): Promise<string> {
  const digits = pairingDigits(phone);
  if (link.state === 'open' || link.isRegistered) throw alreadyLinked(link.sessionName);
  if (link.state !== 'qr') {
    await link.connect();
    await waitForLoginOffer(link, deps.clock, deps.waitMs, deps.stopReason);
  }
  const socket = deps.socket();
  if (!socket) throw new NotConnectedError(`WhatsApp session ${link.sessionName} is not connected (${link.state}).`);
  try {
    return await socket.requestPairingCode(digits);
  } catch (error) {
    throw new NotConnectedError(`WhatsApp did not take the pairing request (${error instanceof Error ? error.message : String(error)}); try again.`);
  }
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

/**
 * What a close means while the device has never been linked. Baileys keeps
 * the phone of a pairing-code request in creds.me, and a socket whose creds
 * have `me` logs in instead of registering, which WhatsApp refuses as a
 * logout (401): a code typed too late would end as "logged out". So the
 * half-made registration is forgotten (`forgotPairing`: the caller saves the
 * creds) and the next socket offers a fresh QR or takes a new code; and a 401
 * of a link that never existed is no logout, there is no login to back up.
 */
export function closeBeforeLink(decision: CloseDecision, creds: AuthenticationCreds): { decision: CloseDecision; forgotPairing: boolean } {
  const forgotPairing = creds.me !== undefined || creds.pairingCode !== undefined;
  creds.me = undefined;
  creds.pairingCode = undefined;
  if (forgotPairing && (decision.kind === 'connection_lost' || decision.kind === 'logged_out')) {
    return { forgotPairing, decision: { kind: 'connection_lost', code: decision.code, reason: 'the pairing code was not entered in time; a fresh QR follows (or /pair for a new code)' } };
  }
  if (decision.kind === 'logged_out') {
    return { forgotPairing, decision: { kind: 'connection_lost', code: decision.code, reason: `WhatsApp refused the link before it was made (${decision.code ?? DisconnectReason.loggedOut}); a fresh QR follows` } };
  }
  return { forgotPairing, decision };
}

/**
 * What a socket close means: its Boom code read by classifyClose, in words
 * that fit the moment (QR codes running out), and, while the device has never
 * been linked (`unlinkedCreds`), through closeBeforeLink.
 */
export function closeDecision(error: unknown, state: LinkState, unlinkedCreds: AuthenticationCreds | undefined): { decision: CloseDecision; forgotPairing: boolean } {
  const decision = classifyClose(error);
  if (decision.kind === 'connection_lost' && state === 'qr' && decision.code === DisconnectReason.timedOut) {
    decision.reason = 'the login QR codes expired without a scan; new ones follow';
  }
  if (!unlinkedCreds || decision.kind === 'restart') return { decision, forgotPairing: false };
  return closeBeforeLink(decision, unlinkedCreds);
}
