import { createHmac, randomBytes } from 'node:crypto';

/** Where the installation's key for WhatsApp message ids is kept (app_state; written once, by migration 021). */
export const WA_ID_KEY_NAME = 'wa-message-id-key';

/** Stored in messages.wa_message_id for a message whose id is derived from its row id (every message since migration 021). */
export const DERIVED_WA_MESSAGE_ID = '';

const HALF_BITS = 36n;
const HALF_MASK = (1n << HALF_BITS) - 1n;
const ROUNDS = 4;
const SHAPE = /^3EB0[0-9A-F]{18}$/;

/**
 * WhatsApp message ids derived from row ids by a keyed permutation of 72 bits
 * (a four-round Feistel network over HMAC-SHA256): a receipt's id decodes to
 * the row it belongs to, read by primary key, so no index of ids is written
 * per message. The ids look like WhatsApp Web's own ("3EB0" + 18 upper-case
 * hex digits) and, without the key, like random ones: neither the row count
 * nor the order of sends shows through them. A permutation never maps two rows
 * to one id.
 */
export class WaMessageIds {
  private readonly key: Buffer;

  constructor(key: string) {
    this.key = Buffer.from(key, 'hex');
    if (this.key.length < 16) throw new RangeError('The WhatsApp message id key must be at least 16 bytes of hex.');
  }

  forRow(rowId: number): string {
    let left = BigInt(rowId) >> HALF_BITS;
    let right = BigInt(rowId) & HALF_MASK;
    for (let round = 0; round < ROUNDS; round++) [left, right] = [right, left ^ this.mix(round, right)];
    return `3EB0${((left << HALF_BITS) | right).toString(16).toUpperCase().padStart(18, '0')}`;
  }

  /** The row an id was derived from; undefined for an id of another shape or one no row id gives (not ours). */
  rowOf(waMessageId: string): number | undefined {
    if (!SHAPE.test(waMessageId)) return undefined;
    const value = BigInt(`0x${waMessageId.slice(4)}`);
    let left = value >> HALF_BITS;
    let right = value & HALF_MASK;
    for (let round = ROUNDS - 1; round >= 0; round--) [left, right] = [right ^ this.mix(round, left), left];
    const rowId = (left << HALF_BITS) | right;
    return rowId >= 1n && rowId <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(rowId) : undefined;
  }

  private mix(round: number, half: bigint): bigint {
    const digest = createHmac('sha256', this.key).update(`${round}:${half}`).digest();
    return digest.readBigUInt64BE(0) & HALF_MASK;
  }
}

/** A fresh key, as migration 021 writes one (hex of 16 random bytes). */
export function newWaIdKey(): string {
  return randomBytes(16).toString('hex');
}
