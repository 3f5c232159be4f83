import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import { gapAfter, gapBounds, meanGapMs } from '../../../src/dispatch/pacing.js';

const pacing = { delayMinMs: 4000, delayMaxMs: 8000, longPauseEvery: 10, longPauseMinMs: 20000, longPauseMaxMs: 40000 };

describe('pacing', () => {
  it('waits 4-8 s between messages and 20-40 s after every tenth', () => {
    const random = seededRandom(1);
    for (let sent = 1; sent <= 100; sent++) {
      const gap = gapAfter(sent, pacing, random);
      if (sent % 10 === 0) expect(gap).toBeGreaterThanOrEqual(20000), expect(gap).toBeLessThanOrEqual(40000);
      else expect(gap).toBeGreaterThanOrEqual(4000), expect(gap).toBeLessThanOrEqual(8000);
    }
  });

  it('means no wait when the delays are zero', () => {
    const none = { delayMinMs: 0, delayMaxMs: 0, longPauseEvery: 0, longPauseMinMs: 0, longPauseMaxMs: 0 };
    expect(gapAfter(10, none, Math.random)).toBe(0);
    expect(meanGapMs(none)).toBe(0);
  });

  it('bounds the total wait for a number of messages', () => {
    expect(gapBounds(1000, pacing)).toEqual({ min: 900 * 4000 + 99 * 20000, max: 900 * 8000 + 99 * 40000 });
  });
});
