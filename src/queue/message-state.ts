import { IllegalTransitionError } from '../core/errors.js';

export const MessageState = {
  Pending: 'pending',
  Sending: 'sending',
  Sent: 'sent',
  Delivered: 'delivered',
  Read: 'read',
  Failed: 'failed',
  Skipped: 'skipped',
  Unknown: 'unknown',
} as const;
export type MessageState = (typeof MessageState)[keyof typeof MessageState];

export const MESSAGE_STATES = Object.values(MessageState);

/**
 * `unknown` is a send whose outcome was lost with the process: it is never
 * resent blindly, only on the operator's word (-> pending, same message id), or
 * settled by a receipt that proves it arrived.
 */
const ALLOWED: Record<MessageState, MessageState[]> = {
  pending: ['sending', 'skipped', 'failed'],
  sending: ['sent', 'delivered', 'read', 'pending', 'failed', 'unknown'],
  sent: ['delivered', 'read', 'failed'],
  delivered: ['read'],
  read: [],
  failed: [],
  skipped: [],
  unknown: ['pending', 'sent', 'delivered', 'read', 'failed'],
};

export function canMessageTransition(from: MessageState, to: MessageState): boolean {
  return ALLOWED[from].includes(to);
}

export function assertMessageTransition(messageId: number, from: MessageState, to: MessageState): void {
  if (!canMessageTransition(from, to)) {
    throw new IllegalTransitionError(`message ${messageId} is ${from}; it cannot become ${to}.`);
  }
}

/** States a receipt may lead to, in order: a receipt never moves a message backwards. */
export const RECEIPT_RANK: Partial<Record<MessageState, number>> = {
  sending: 0,
  unknown: 0,
  sent: 1,
  delivered: 2,
  read: 3,
};

/** Messages that count as having reached WhatsApp's servers. */
export const SENT_STATES: MessageState[] = ['sent', 'delivered', 'read'];
