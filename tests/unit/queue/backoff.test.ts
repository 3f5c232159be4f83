import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay } from '../../../src/queue/backoff.js';

const policy = { baseMs: 60_000, maxMs: 600_000, factor: 2 };

describe('retry backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffCeiling(attempt, policy))).toEqual([60_000, 120_000, 240_000, 480_000, 600_000, 600_000]);
  });

  it('jitters between half the ceiling and the ceiling', () => {
    expect(backoffDelay(2, policy, () => 0)).toBe(60_000);
    expect(backoffDelay(2, policy, () => 0.999999)).toBe(120_000);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(90_000);
  });

  it('follows the configured factor', () => {
    expect(backoffCeiling(3, { baseMs: 1_000, maxMs: 1_000_000, factor: 3 })).toBe(9_000);
  });
});
