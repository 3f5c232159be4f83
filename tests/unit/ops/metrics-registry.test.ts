import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { MetricsRegistry, PROMETHEUS_CONTENT_TYPE } from '../../../src/ops/metrics-registry.js';

/** The lines of one metric family's samples. */
const samples = (text: string, name: string) => text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

describe('MetricsRegistry', () => {
  it('counts per label set, whatever the order of the labels', async () => {
    const metrics = new MetricsRegistry();
    metrics.increment('zapcast_breaker_trips_total', { number: 'main', reason: 'capping' });
    metrics.increment('zapcast_breaker_trips_total', { reason: 'capping', number: 'main' });
    metrics.increment('zapcast_breaker_trips_total', { number: 'main', reason: '463' }, 3);
    expect(metrics.value('zapcast_breaker_trips_total', { number: 'main', reason: 'capping' })).toBe(2);
    expect(metrics.value('zapcast_schedule_fires_total', { outcome: 'ran' })).toBe(0);
    expect(samples(await metrics.text(), 'zapcast_breaker_trips_total')).toEqual([
      'zapcast_breaker_trips_total{number="main",reason="capping"} 2',
      'zapcast_breaker_trips_total{number="main",reason="463"} 3',
    ]);
  });

  it('refuses to make a counter go down', async () => {
    const metrics = new MetricsRegistry();
    expect(() => metrics.increment('zapcast_schedule_fires_total', { outcome: 'ran' }, -1)).toThrow('a counter only goes up');
    expect(samples(await metrics.text(), 'zapcast_schedule_fires_total')).toEqual([]);
  });

  it('keeps a send latency histogram per number, labelled with the session name', async () => {
    const metrics = new MetricsRegistry();
    metrics.observeSendLatency('main', 0.08);
    metrics.observeSendLatency('main', 1.7);
    metrics.observeSendLatency('backup', 0.3);
    const text = await metrics.text();
    expect(text).toContain('# TYPE zapcast_send_latency_seconds histogram');
    expect(samples(text, 'zapcast_send_latency_seconds_count')).toEqual([
      'zapcast_send_latency_seconds_count{number="main"} 2',
      'zapcast_send_latency_seconds_count{number="backup"} 1',
    ]);
    expect(text).toContain('zapcast_send_latency_seconds_bucket{le="0.1",number="main"} 1');
    expect(text).toContain('zapcast_send_latency_seconds_bucket{le="2.5",number="main"} 2');
    expect(text).toContain('zapcast_send_latency_seconds_sum{number="main"} 1.78');
  });

  it("adds the process's own figures: CPU, resident memory, event-loop lag and heap", async () => {
    const text = await new MetricsRegistry().text();
    for (const family of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'process_start_time_seconds']) {
      expect(text, family).toMatch(new RegExp(`^${family} \\d`, 'm'));
    }
  });

  it('keeps the counts of two registries apart', async () => {
    const one = new MetricsRegistry();
    const two = new MetricsRegistry();
    one.increment('zapcast_schedule_fires_total', { outcome: 'ran' });
    expect(samples(await one.text(), 'zapcast_schedule_fires_total')).toEqual(['zapcast_schedule_fires_total{outcome="ran"} 1']);
    expect(samples(await two.text(), 'zapcast_schedule_fires_total')).toEqual([]);
  });

  it('serves /metrics as the content type prom-client names', () => {
    expect(PROMETHEUS_CONTENT_TYPE).toBe(Registry.PROMETHEUS_CONTENT_TYPE);
  });
});
