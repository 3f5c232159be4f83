import { describe, expect, it } from 'vitest';
import { bucketName, rateSeries } from '../../../src/campaigns/summary-rates.js';

const T0 = Date.UTC(2026, 0, 5, 12, 0);
const MINUTE = 60_000;

describe('the send and delivery rate over a run', () => {
  it('counts sends and deliveries per minute for a short run', () => {
    const series = rateSeries([
      { sentAt: T0 + 5_000, deliveredAt: T0 + 20_000 },
      { sentAt: T0 + 50_000, deliveredAt: T0 + MINUTE + 10_000 },
      { sentAt: T0 + 2 * MINUTE + 1_000, deliveredAt: null },
    ]);
    expect(series).toEqual({ start: T0, bucketMs: MINUTE, sent: [2, 0, 1], delivered: [1, 1, 0] });
  });

  it('picks the shortest round interval that keeps the curve within the bucket limit', () => {
    // One send a minute for three hours: 180 minutes are 36 buckets of 5 min, 18 of 10.
    const messages = Array.from({ length: 180 }, (_, i) => ({ sentAt: T0 + i * MINUTE, deliveredAt: T0 + i * MINUTE + 30_000 }));
    const series = rateSeries(messages, 36)!;
    expect(bucketName(series.bucketMs)).toBe('5 min');
    expect(series.sent).toHaveLength(36);
    expect(series.sent.every((count) => count === 5)).toBe(true);
    expect(bucketName(rateSeries(messages, 35)!.bucketMs)).toBe('10 min');
    expect(series.delivered.reduce((a, b) => a + b, 0)).toBe(180);
  });

  it('goes to days for a run of weeks', () => {
    const messages = [{ sentAt: T0, deliveredAt: null }, { sentAt: T0 + 60 * 86_400_000, deliveredAt: null }];
    const series = rateSeries(messages, 36)!;
    expect(bucketName(series.bucketMs)).toBe('day');
    expect(series.sent).toHaveLength(61);
  });

  it('has no curve when nothing was sent', () => {
    expect(rateSeries([{ sentAt: null, deliveredAt: null }])).toBeUndefined();
    expect(rateSeries([])).toBeUndefined();
  });

  it('names intervals as an axis reads them', () => {
    expect([1, 5, 60, 180, 1440].map((m) => bucketName(m * MINUTE))).toEqual(['minute', '5 min', 'hour', '3 h', 'day']);
  });
});
