import { describe, expect, it } from 'vitest';
import { estimateFinish } from '../../../src/campaigns/eta.js';
import { parseQuietHours } from '../../../src/dispatch/quiet-hours.js';

const pacing = { delayMinMs: 4000, delayMaxMs: 8000, longPauseEvery: 0, longPauseMinMs: 0, longPauseMaxMs: 0 };
const start = Date.UTC(2026, 0, 5, 12, 0);

describe('estimated finish', () => {
  it('is the count times the mean gap when nothing limits it', () => {
    expect(estimateFinish({ now: start, remaining: 100, pacing, sendMs: 0, capOn: () => 0, sentToday: 0, quietHours: undefined, timeZone: 'UTC' })).toBe(start + 100 * 6000);
  });

  it('carries over to the next day when the daily cap is reached', () => {
    const eta = estimateFinish({ now: start, remaining: 150, pacing, sendMs: 0, capOn: () => 100, sentToday: 0, quietHours: undefined, timeZone: 'UTC' });
    expect(eta).toBe(Date.UTC(2026, 0, 6, 0, 0) + 50 * 6000);
  });

  it('follows the warm-up ramp day by day, not today\'s cap for ever', () => {
    // Warm-up from 50 to 1000 over 14 days: 50, 118, 186, 254 ... a day.
    const capOn = (at: number) => Math.round(50 + (950 * Math.floor((at - start) / 86_400_000 + 0.5)) / 14);
    const eta = estimateFinish({ now: start, remaining: 500, pacing, sendMs: 0, capOn, sentToday: 0, quietHours: undefined, timeZone: 'UTC' });
    // 50 + 118 + 186 = 354 by the end of the 7th; the last 146 go on the 8th.
    expect(eta).toBe(Date.UTC(2026, 0, 8, 0, 0) + 146 * 6000);
  });

  it('skips quiet hours', () => {
    const quiet = parseQuietHours('12:30-14:00');
    if (!quiet.ok) throw new Error(quiet.error);
    const eta = estimateFinish({ now: start, remaining: 600, pacing, sendMs: 0, capOn: () => 0, sentToday: 0, quietHours: quiet.value, timeZone: 'UTC' });
    // 300 messages fit before 12:30, the other 300 start at 14:00.
    expect(eta).toBe(Date.UTC(2026, 0, 5, 14, 0) + 300 * 6000);
  });
});
