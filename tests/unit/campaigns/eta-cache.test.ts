import { describe, expect, it } from 'vitest';
import { ETA_CACHE_MS, EtaCache } from '../../../src/campaigns/eta-cache.js';

describe('ETA cache', () => {
  it('answers from the cache while the counts and settings are unchanged', () => {
    const cache = new EtaCache();
    let computed = 0;
    const compute = () => ++computed;
    expect(cache.get(1, 'remaining=10', 1_000, compute)).toBe(1);
    expect(cache.get(1, 'remaining=10', 2_000, compute)).toBe(1);
    expect(computed).toBe(1);
  });

  it('computes again once the counts or settings change', () => {
    const cache = new EtaCache();
    let computed = 0;
    const compute = () => ++computed;
    cache.get(1, 'remaining=10', 1_000, compute);
    expect(cache.get(1, 'remaining=9', 1_000, compute)).toBe(2);
  });

  it('keeps one estimate per campaign', () => {
    const cache = new EtaCache();
    cache.get(1, 'same', 0, () => 100);
    expect(cache.get(2, 'same', 0, () => 200)).toBe(200);
    expect(cache.get(1, 'same', 0, () => 300)).toBe(100);
  });

  it('computes again after a minute, so a stuck run\'s estimate moves on', () => {
    const cache = new EtaCache();
    cache.get(1, 'same', 0, () => 100);
    expect(cache.get(1, 'same', ETA_CACHE_MS - 1, () => 200)).toBe(100);
    expect(cache.get(1, 'same', ETA_CACHE_MS, () => 300)).toBe(300);
  });
});
