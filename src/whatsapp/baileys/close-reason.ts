import { DisconnectReason } from 'baileys';
import type { CloseKind } from '../transport.js';

export interface CloseDecision {
  kind: CloseKind;
  code: number | undefined;
  reason: string;
}

/** The status code of a Boom error (Baileys closes with those); undefined for anything else. */
export function boomStatus(error: unknown): number | undefined {
  const output = (error as { isBoom?: boolean; output?: { statusCode?: unknown } } | undefined)?.output;
  return (error as { isBoom?: boolean } | undefined)?.isBoom && typeof output?.statusCode === 'number' ? output.statusCode : undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return error === undefined ? 'no reason given' : String(error);
}

/** What a socket close means for the link, from its Boom status code. */
export function classifyClose(error: unknown): CloseDecision {
  const code = boomStatus(error);
  switch (code) {
    case DisconnectReason.restartRequired:
      return { kind: 'restart', code, reason: 'WhatsApp asked for a new connection (normal right after linking)' };
    case DisconnectReason.loggedOut:
      return { kind: 'logged_out', code, reason: 'WhatsApp logged this device out (it was unlinked from the phone, or the login expired)' };
    case DisconnectReason.connectionReplaced:
      return { kind: 'replaced', code, reason: 'another WhatsApp Web session opened with this login and replaced this one' };
    case DisconnectReason.forbidden:
      return { kind: 'forbidden', code, reason: 'WhatsApp refuses this number (forbidden: it may be banned or restricted)' };
    default:
      return { kind: 'connection_lost', code, reason: `connection lost: ${describe(error)}${code === undefined ? '' : ` (code ${code})`}` };
  }
}
