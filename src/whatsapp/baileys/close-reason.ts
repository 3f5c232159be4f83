import { DisconnectReason } from 'baileys';
import type { CloseKind } from '../transport.js';
import { boomStatus, streamConflictType } from './baileys-error.js';

export interface CloseDecision {
  kind: CloseKind;
  code: number | undefined;
  reason: string;
}

/** WhatsApp's refusal of a retired client version; Baileys has no DisconnectReason for it. */
export const CLIENT_TOO_OLD = 405;

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return error === undefined ? 'no reason given' : String(error);
}

/** What a socket close means for the link, from its Boom status code (and, for a stream conflict, its data). */
export function classifyClose(error: unknown): CloseDecision {
  const code = boomStatus(error);
  // The phone removing this device arrives as a stream conflict like a replaced session, told apart only by the node's type.
  if (code === DisconnectReason.connectionReplaced && streamConflictType(error) === 'device_removed') {
    return { kind: 'logged_out', code, reason: 'WhatsApp removed this device (it was unlinked from the phone)' };
  }
  switch (code) {
    case DisconnectReason.restartRequired:
      return { kind: 'restart', code, reason: 'WhatsApp asked for a new connection (normal right after linking)' };
    case DisconnectReason.loggedOut:
      return { kind: 'logged_out', code, reason: 'WhatsApp logged this device out (it was unlinked from the phone, or the login expired)' };
    case DisconnectReason.connectionReplaced:
      return { kind: 'replaced', code, reason: 'another WhatsApp Web session opened with this login and replaced this one' };
    case CLIENT_TOO_OLD:
      return { kind: 'outdated', code, reason: 'WhatsApp no longer accepts the WhatsApp Web version announced (405: client too old)' };
    case DisconnectReason.forbidden:
      return { kind: 'forbidden', code, reason: 'WhatsApp refuses this number (forbidden: it may be banned or restricted)' };
    default:
      return { kind: 'connection_lost', code, reason: `connection lost: ${describe(error)}${code === undefined ? '' : ` (code ${code})`}` };
  }
}
