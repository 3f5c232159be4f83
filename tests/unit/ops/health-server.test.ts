import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseProbe } from '../../../src/db/database-probe.js';
import { silentLogger } from '../../../src/core/logger.js';
import { collectHealth, type HealthReport } from '../../../src/ops/health-report.js';
import { HealthServer } from '../../../src/ops/health-server.js';
import { metricsEndpoint } from '../../../src/ops/metrics-gauges.js';
import { opsFixture, seedRun, type OpsFixture } from './ops-fixture.js';

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function serve(f: OpsFixture): Promise<string> {
  server = new HealthServer({
    host: '127.0.0.1',
    port: 0,
    logger: silentLogger(),
    health: () => collectHealth(f.sources),
    metrics: metricsEndpoint(f.sources),
  });
  const address = await server.start();
  expect(address.address).toBe('127.0.0.1');
  return `http://127.0.0.1:${address.port}`;
}

/** The lines of one metric family's samples. */
const samples = (text: string, name: string) => text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

describe('the health endpoint', () => {
  it('answers /healthz with 200 and the link, queue, campaigns and dry-run state', async () => {
    const f = opsFixture();
    // Run 1 is going: 2 sent, 1 failed, 1 unknown, 2 pending. Run 2 was stopped with 3 never sent.
    await seedRun(f, 6, ['sent', 'sent', 'failed', 'unknown']);
    await seedRun(f, 3, [], 'stopped');
    const base = await serve(f);

    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await response.text();
    // The number is masked: the endpoint may be reachable from other machines (HEALTH_HOST=0.0.0.0 for Prometheus).
    expect(body).not.toContain('5511900000000');
    const report = JSON.parse(body) as HealthReport;
    expect(report).toMatchObject({
      status: 'ok',
      problems: [],
      dryRun: true,
      numbers: [{ name: 'main', phone: '+55*********00', link: 'open' }],
      queue: { pending: 2, sending: 0, unknown: 1, depth: 2 },
      campaigns: { running: [1], paused: [], waitingForLogin: [], scheduled: [] },
      nextScheduledRun: null,
      uptimeSeconds: 90,
    });
  });

  it('answers 503 with the reason when a number needs an operator, and while shutting down', async () => {
    const f = opsFixture();
    const base = await serve(f);
    f.link.state = 'stopped';
    const stopped = await fetch(`${base}/healthz`);
    expect(stopped.status).toBe(503);
    expect(((await stopped.json()) as HealthReport).problems[0]).toContain('WhatsApp number main is stopped');

    f.link.state = 'open';
    f.stopping.value = true;
    const stopping = await fetch(`${base}/healthz`);
    expect(stopping.status).toBe(503);
    expect(((await stopping.json()) as HealthReport).problems).toEqual(['zapcast is shutting down']);
  });

  it('answers 503 when the database file was deleted under it, though the open database still answers', async () => {
    const f = opsFixture();
    const path = join(f.dir, 'zapcast.db');
    f.sources.database = new DatabaseProbe(f.db, path, f.clock);
    const base = await serve(f);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    unlinkSync(path);

    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as HealthReport).problems).toEqual([expect.stringMatching(/^the database file .*zapcast\.db is gone \(ENOENT\)/)]);
  });

  it('answers 503 when the database does not take writes', async () => {
    const f = opsFixture();
    f.sources.database = new DatabaseProbe(f.db, join(f.dir, 'zapcast.db'), f.clock);
    const base = await serve(f);
    f.db.pragma('query_only = ON');

    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as HealthReport).problems).toEqual([expect.stringMatching(/^the database does not take writes/)]);
  });

  it('answers 503 when the database does not answer', async () => {
    const f = opsFixture();
    const base = await serve(f);
    f.db.close();
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as HealthReport).problems[0]).toMatch(/^the database does not answer: /);
  });

  it('answers /metrics in the Prometheus text format with messages, sends, failures, queue depth, link state and breaker trips', async () => {
    const f = opsFixture();
    await seedRun(f, 6, ['sent', 'delivered', 'read', 'failed', 'unknown']);
    await seedRun(f, 3, ['failed'], 'completed');
    f.metrics.increment('zapcast_breaker_trips_total', { number: 'main', reason: 'capping' });
    f.link.state = 'reconnecting';
    const base = await serve(f);

    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('# TYPE zapcast_messages gauge');
    expect(samples(text, 'zapcast_messages')).toEqual([
      'zapcast_messages{state="pending"} 3',
      'zapcast_messages{state="sending"} 0',
      'zapcast_messages{state="sent"} 1',
      'zapcast_messages{state="delivered"} 1',
      'zapcast_messages{state="read"} 1',
      'zapcast_messages{state="failed"} 2',
      'zapcast_messages{state="skipped"} 0',
      'zapcast_messages{state="unknown"} 1',
    ]);
    expect(samples(text, 'zapcast_sent_messages')).toEqual(['zapcast_sent_messages{number="main"} 3']);
    expect(samples(text, 'zapcast_failed_messages')).toEqual(['zapcast_failed_messages{number="main"} 2']);
    // The completed run's two unsent messages are not waiting for anything.
    expect(samples(text, 'zapcast_queue_depth')).toEqual(['zapcast_queue_depth{number="main"} 1']);
    expect(samples(text, 'zapcast_sent_today')).toEqual(['zapcast_sent_today{number="main"} 7']);
    expect(samples(text, 'zapcast_link_up')).toEqual(['zapcast_link_up{number="main"} 0']);
    expect(samples(text, 'zapcast_link_state')).toContain('zapcast_link_state{number="main",state="reconnecting"} 1');
    expect(samples(text, 'zapcast_link_state').filter((line) => line.endsWith(' 1'))).toHaveLength(1);
    expect(text).toContain('# TYPE zapcast_breaker_trips_total counter');
    expect(samples(text, 'zapcast_breaker_trips_total')).toEqual(['zapcast_breaker_trips_total{number="main",reason="capping"} 1']);
    expect(samples(text, 'zapcast_dry_run')).toEqual(['zapcast_dry_run 1']);
    expect(samples(text, 'zapcast_campaigns')).toContain('zapcast_campaigns{state="running"} 1');
    expect(text).toContain('# TYPE zapcast_send_latency_seconds histogram');
    for (const family of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) expect(text).toMatch(new RegExp(`^${family} \\d`, 'm'));
    expect(text.endsWith('\n')).toBe(true);
  });

  it('answers HEAD without a body, refuses other methods and knows no other path', async () => {
    const f = opsFixture();
    const base = await serve(f);
    const head = await fetch(`${base}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${base}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const other = await fetch(`${base}/`);
    expect(other.status).toBe(404);
  });

  it('refuses to start on a port already taken, naming the setting', async () => {
    const f = opsFixture();
    const base = await serve(f);
    const port = Number(new URL(base).port);
    const second = new HealthServer({ host: '127.0.0.1', port, logger: silentLogger(), health: () => collectHealth(f.sources), metrics: async () => '' });
    await expect(second.start()).rejects.toThrow(`The health endpoint cannot listen on 127.0.0.1:${port} (EADDRINUSE); set HEALTH_PORT to a free port, or 0 to turn it off.`);
  });
});
