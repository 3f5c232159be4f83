import { WAMessageStatus, type WAMessage, type WAMessageUpdate } from 'baileys';
import type { ReceiptStatus, TransportEvents } from '../transport.js';

export type Receipt = TransportEvents['receipt'];

function receiptStatus(status: number | null | undefined): ReceiptStatus | undefined {
  switch (status) {
    case WAMessageStatus.SERVER_ACK:
      return 'sent';
    case WAMessageStatus.DELIVERY_ACK:
      return 'delivered';
    case WAMessageStatus.READ:
    case WAMessageStatus.PLAYED:
      return 'read';
    case WAMessageStatus.ERROR:
      return 'failed';
    default:
      return undefined;
  }
}

/** Seconds (a number or a protobuf Long) to ms; undefined when absent or zero. */
export function timestampMs(value: unknown): number | undefined {
  const seconds = Number(value ?? 0);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

function receipt(id: string | null | undefined, status: number | null | undefined, stub: unknown[] | null | undefined, at: number): Receipt | undefined {
  const mapped = receiptStatus(status);
  if (!id || !mapped) return undefined;
  if (mapped !== 'failed') return { waMessageId: id, status: mapped, at };
  // An error ack carries its code first (463: the account may not start new chats now).
  return { waMessageId: id, status: mapped, at, errorCode: String(stub?.[0] ?? 'unknown') };
}

/**
 * Status changes of messages we sent, matched by id alone: the key's chat may be
 * the recipient's phone JID or their LID, and either is fine. Updates about
 * messages we received (our other devices reading them) are not receipts.
 */
export function receiptsFromUpdates(updates: readonly WAMessageUpdate[], now: number): Receipt[] {
  const receipts: Receipt[] = [];
  for (const { key, update } of updates) {
    if (key.fromMe === false) continue;
    const found = receipt(key.id, update.status, update.messageStubParameters, timestampMs(update.messageTimestamp) ?? now);
    if (found) receipts.push(found);
  }
  return receipts;
}

/**
 * While Baileys buffers events, a status update that arrives before our own
 * message's upsert is flushed is folded into that upsert instead of being
 * emitted; the status then travels on the message.
 */
export function receiptFromOwnMessage(message: WAMessage, now: number): Receipt | undefined {
  if (!message.key.fromMe) return undefined;
  return receipt(message.key.id, message.status, message.messageStubParameters, now);
}
