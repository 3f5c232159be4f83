import { IllegalTransitionError } from '../../core/errors.js';
import type { LinkState } from '../transport.js';

/** Where the link may go from each state; anything else is a bug and refused. */
const MOVES: Record<LinkState, readonly LinkState[]> = {
  idle: ['connecting', 'logged_out', 'stopped'],
  connecting: ['qr', 'open', 'reconnecting', 'logged_out', 'stopped'],
  qr: ['connecting', 'open', 'reconnecting', 'logged_out', 'stopped'],
  open: ['connecting', 'reconnecting', 'logged_out', 'stopped'],
  reconnecting: ['connecting', 'logged_out', 'stopped'],
  logged_out: ['connecting', 'stopped'],
  stopped: ['connecting', 'logged_out'],
};

/** True when the state changes, false when it stays; throws on a move the link never makes. */
export function checkLinkMove(sessionName: string, from: LinkState, to: LinkState): boolean {
  if (from === to) return false;
  if (!MOVES[from].includes(to)) {
    throw new IllegalTransitionError(`WhatsApp session ${sessionName} cannot go from ${from} to ${to}.`);
  }
  return true;
}
