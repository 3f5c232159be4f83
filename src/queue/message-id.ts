import { createHmac, randomBytes } from 'node:crypto';
import { mix32 } from '../core/mix32.js';

/** Where the installation's key for WhatsApp message ids is kept (app_state; written once, by migration 021). */
export const WA_ID_KEY_NAME = 'wa-message-id-key';

/**
 * The first row id whose WhatsApp id comes from the mixing rounds (app_state,
 * written once by migration 024). Rows below it were sent with ids from the
 * HMAC rounds and keep them: a late receipt or a resend must find the same id.
 */
export const WA_ID_MIXED_FROM_NAME = 'wa-message-id-mixed-from';

/** Stored in messages.wa_message_id for a message whose id is derived from its row id (every message since migration 021). */
export const DERIVED_WA_MESSAGE_ID = '';

const HALF = 2 ** 36;
const LOW = 2 ** 32;
const ROUNDS = 4;
const SHAPE = /^3EB0[0-9A-F]{18}$/;

/**
 * WhatsApp message ids derived from row ids by a keyed permutation of 72 bits
 * (a Feistel network over two 36-bit halves): a receipt's id decodes to the
 * row it belongs to, read by primary key, so no index of ids is written per
 * message. The ids look like WhatsApp Web's own ("3EB0" + 18 upper-case hex
 * digits) and, without the key, like random ones: neither the row count nor
 * the order of sends shows through them. A permutation never maps two rows to
 * one id.
 *
 * Rows from `mixedFrom` on use rounds of integer mixing under round keys drawn
 * from the installation key (about a microsecond for an id); rows before it
 * went out under HMAC-SHA256 rounds (tens of microseconds, three times per
 * message with its receipts) and are still encoded and decoded that way.
 */
export class WaMessageIds {
  private readonly key: Buffer;
  private readonly roundKeys: Uint32Array;

  constructor(
    key: string,
    private readonly mixedFrom = 1,
  ) {
    this.key = Buffer.from(key, 'hex');
    if (this.key.length < 16) throw new RangeError('The WhatsApp message id key must be at least 16 bytes of hex.');
    const drawn = createHmac('sha256', this.key).update('wa-message-id round keys').digest();
    this.roundKeys = new Uint32Array(ROUNDS * 2);
    for (let i = 0; i < this.roundKeys.length; i++) this.roundKeys[i] = drawn.readUInt32BE(i * 4);
  }

  forRow(rowId: number): string {
    if (rowId < this.mixedFrom) return hmacForRow(this.key, rowId);
    let left = Math.floor(rowId / HALF);
    let right = rowId % HALF;
    for (let round = 0; round < ROUNDS; round++) [left, right] = [right, xor36(left, this.mix(round, right))];
    return `3EB0${hex9(left)}${hex9(right)}`;
  }

  /** The row an id was derived from; undefined for an id of another shape or one no row id gives (not ours). */
  rowOf(waMessageId: string): number | undefined {
    return this.rowsOf(waMessageId)[0];
  }

  /**
   * The rows an id may have been derived from: by the mixing rounds, then (on
   * an installation that sent before migration 024) by the HMAC rounds. Two
   * only when an HMAC-era id also decodes to a mixing-era row, about once in
   * half a million; the caller keeps the one that was sent.
   */
  rowsOf(waMessageId: string): number[] {
    if (!SHAPE.test(waMessageId)) return [];
    const rows: number[] = [];
    let left = Number.parseInt(waMessageId.slice(4, 13), 16);
    let right = Number.parseInt(waMessageId.slice(13), 16);
    for (let round = ROUNDS - 1; round >= 0; round--) [left, right] = [xor36(right, this.mix(round, left)), left];
    // left * 2^36 + right stays exact only while left < 2^17 (the safe integers).
    const mixed = left < 2 ** 17 ? left * HALF + right : undefined;
    if (mixed !== undefined && mixed >= this.mixedFrom && mixed <= Number.MAX_SAFE_INTEGER) rows.push(mixed);
    const earlier = this.mixedFrom > 1 ? hmacRowOf(this.key, waMessageId) : undefined;
    if (earlier !== undefined && earlier < this.mixedFrom) rows.push(earlier);
    return rows;
  }

  /** The round function: 36 bits from a 36-bit half and two round keys (murmur3's finaliser, twice). */
  private mix(round: number, half: number): number {
    const low = half % LOW;
    const high = (half - low) / LOW;
    const a = mix32((low ^ this.roundKeys[round * 2]!) >>> 0);
    const b = mix32((a ^ Math.imul(high + 1, 0x9e3779b1) ^ this.roundKeys[round * 2 + 1]!) >>> 0);
    return b * 16 + (mix32((b ^ a) >>> 0) & 15);
  }
}

function xor36(a: number, b: number): number {
  const aLow = a % LOW;
  const bLow = b % LOW;
  return (((a - aLow) / LOW) ^ ((b - bLow) / LOW)) * LOW + ((aLow ^ bLow) >>> 0);
}

function hex9(value: number): string {
  return value.toString(16).toUpperCase().padStart(9, '0');
}

const HMAC_HALF_BITS = 36n;
const HMAC_HALF_MASK = (1n << HMAC_HALF_BITS) - 1n;

function hmacMix(key: Buffer, round: number, half: bigint): bigint {
  const digest = createHmac('sha256', key).update(`${round}:${half}`).digest();
  return digest.readBigUInt64BE(0) & HMAC_HALF_MASK;
}

/** The ids messages got between migrations 021 and 024. */
function hmacForRow(key: Buffer, rowId: number): string {
  let left = BigInt(rowId) >> HMAC_HALF_BITS;
  let right = BigInt(rowId) & HMAC_HALF_MASK;
  for (let round = 0; round < ROUNDS; round++) [left, right] = [right, left ^ hmacMix(key, round, right)];
  return `3EB0${((left << HMAC_HALF_BITS) | right).toString(16).toUpperCase().padStart(18, '0')}`;
}

function hmacRowOf(key: Buffer, waMessageId: string): number | undefined {
  const value = BigInt(`0x${waMessageId.slice(4)}`);
  let left = value >> HMAC_HALF_BITS;
  let right = value & HMAC_HALF_MASK;
  for (let round = ROUNDS - 1; round >= 0; round--) [left, right] = [right ^ hmacMix(key, round, left), left];
  const rowId = (left << HMAC_HALF_BITS) | right;
  return rowId >= 1n && rowId <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(rowId) : undefined;
}

/** The installation's permutation from its stored facts; undefined when no key was written yet. */
export function storedWaMessageIds(read: (name: string) => string | undefined): WaMessageIds | undefined {
  const key = read(WA_ID_KEY_NAME);
  if (key === undefined) return undefined;
  const mixedFrom = Number(read(WA_ID_MIXED_FROM_NAME) ?? '1');
  return new WaMessageIds(key, Number.isSafeInteger(mixedFrom) && mixedFrom >= 1 ? mixedFrom : 1);
}

/** A fresh key, as migration 021 writes one (hex of 16 random bytes). */
export function newWaIdKey(): string {
  return randomBytes(16).toString('hex');
}
