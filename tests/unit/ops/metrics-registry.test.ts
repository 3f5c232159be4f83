import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../../../src/ops/metrics-registry.js';
import { family } from '../../../src/ops/prometheus-text.js';

describe('MetricsRegistry', () => {
  it('counts per label set, whatever the order of the labels', () => {
    const metrics = new MetricsRegistry();
    metrics.increment('zapcast_breaker_trips_total', { number: 'main', reason: 'capping' });
    metrics.increment('zapcast_breaker_trips_total', { reason: 'capping', number: 'main' });
    metrics.increment('zapcast_breaker_trips_total', { number: 'main', reason: '463' }, 3);
    expect(metrics.value('zapcast_breaker_trips_total', { number: 'main', reason: 'capping' })).toBe(2);
    expect(metrics.samples('zapcast_breaker_trips_total')).toEqual([
      { labels: { number: 'main', reason: 'capping' }, value: 2 },
      { labels: { number: 'main', reason: '463' }, value: 3 },
    ]);
    expect(metrics.value('zapcast_schedule_fires_total', { outcome: 'ran' })).toBe(0);
  });

  it('refuses to make a counter go down', () => {
    const metrics = new MetricsRegistry();
    expect(() => metrics.increment('zapcast_schedule_fires_total', { outcome: 'ran' }, -1)).toThrow('a counter only goes up');
    expect(metrics.samples('zapcast_schedule_fires_total')).toEqual([]);
  });
});

describe('the Prometheus text format', () => {
  it('writes HELP, TYPE and one line per sample, escaping label values', () => {
    const text = family('zapcast_x', 'counter', 'What x counts.\nSecond line.', [
      { value: 1 },
      { labels: { reason: 'say "stop"\\now\n' }, value: 2.5 },
    ]);
    expect(text).toBe(
      ['# HELP zapcast_x What x counts.\\nSecond line.', '# TYPE zapcast_x counter', 'zapcast_x 1', 'zapcast_x{reason="say \\"stop\\"\\\\now\\n"} 2.5'].join('\n'),
    );
  });
});
