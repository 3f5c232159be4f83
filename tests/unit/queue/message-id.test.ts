import { describe, expect, it } from 'vitest';
import { WaMessageIds, newWaIdKey, storedWaMessageIds } from '../../../src/queue/message-id.js';

describe('WhatsApp ids derived from row ids', () => {
  const ids = new WaMessageIds('00112233445566778899aabbccddeeff');

  it('look like WhatsApp Web ids', () => {
    for (const rowId of [1, 2, 1_000_000, 2 ** 40, Number.MAX_SAFE_INTEGER]) expect(ids.forRow(rowId)).toMatch(/^3EB0[0-9A-F]{18}$/);
  });

  it('decode back to the row they were derived from', () => {
    for (const rowId of [1, 2, 3, 999_999, 1_000_000, 2 ** 36, 2 ** 36 + 1, Number.MAX_SAFE_INTEGER]) expect(ids.rowOf(ids.forRow(rowId))).toBe(rowId);
  });

  it('never give two rows the same id', () => {
    const seen = new Set<string>();
    for (let rowId = 1; rowId <= 20_000; rowId++) seen.add(ids.forRow(rowId));
    expect(seen.size).toBe(20_000);
  });

  it('do not show the order of rows: neighbours share no prefix beyond the WhatsApp one', () => {
    const a = ids.forRow(1000);
    const b = ids.forRow(1001);
    expect(a.slice(0, 8)).not.toBe(b.slice(0, 8));
  });

  it('differ between installations', () => {
    const other = new WaMessageIds('ffeeddccbbaa99887766554433221100');
    expect(other.forRow(1)).not.toBe(ids.forRow(1));
    expect(other.rowOf(ids.forRow(5))).not.toBe(5);
  });

  it('read an id of another shape as no row', () => {
    expect(ids.rowOf('3EB0NOTOURS')).toBeUndefined();
    expect(ids.rowOf('BAE5F2C1D0A1B2C3')).toBeUndefined();
    expect(ids.rowOf('3eb0' + 'a'.repeat(18))).toBeUndefined();
  });

  it('read an id no row id gives (beyond the safe integers) as no row', () => {
    const foreign = Array.from({ length: 200 }, (_, i) => `3EB0${(BigInt(i) * 0x1234567890abcdefn).toString(16).toUpperCase().padStart(18, '0').slice(-18)}`);
    for (const id of foreign) {
      const rowId = ids.rowOf(id);
      if (rowId !== undefined) expect(ids.forRow(rowId)).toBe(id);
    }
    expect(foreign.filter((id) => ids.rowOf(id) !== undefined).length).toBeLessThan(5);
  });

  it('decode back through the mixing rounds on both sides of a half', () => {
    const mixed = new WaMessageIds('00112233445566778899aabbccddeeff', 1);
    for (const rowId of [1, 2, 2 ** 36 - 1, 2 ** 36, 2 ** 52 + 7]) expect(mixed.rowsOf(mixed.forRow(rowId))).toEqual([rowId]);
  });

  it('keep the ids rows below the boundary went out with before migration 024 (HMAC rounds)', () => {
    // Printed by the HMAC-round code for this key before the mixing rounds existed.
    const sentBefore = new WaMessageIds('00112233445566778899aabbccddeeff', 1000);
    expect(sentBefore.forRow(1)).toBe('3EB03F184B10C9A6B986BE');
    expect(sentBefore.forRow(999)).toBe('3EB07D6057B04F2E5D11FB');
    expect(sentBefore.rowOf('3EB07D6057B04F2E5D11FB')).toBe(999);
    expect(sentBefore.forRow(1000)).toBe(new WaMessageIds('00112233445566778899aabbccddeeff', 1).forRow(1000));
    expect(sentBefore.rowOf(sentBefore.forRow(1000))).toBe(1000);
  });

  it('read the key and the boundary from the stored facts', () => {
    const facts: Record<string, string> = { 'wa-message-id-key': '00112233445566778899aabbccddeeff', 'wa-message-id-mixed-from': '1000' };
    expect(storedWaMessageIds((name) => facts[name])!.forRow(999)).toBe('3EB07D6057B04F2E5D11FB');
    expect(storedWaMessageIds(() => undefined)).toBeUndefined();
  });

  it('refuse a key too short to keep them unguessable', () => {
    expect(() => new WaMessageIds('abcd')).toThrow(RangeError);
    expect(newWaIdKey()).toMatch(/^[0-9a-f]{32}$/);
  });
});
