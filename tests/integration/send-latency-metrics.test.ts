import { afterEach, describe, expect, it } from 'vitest';
import { seedList } from '../support/seed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe('the send latency histogram', () => {
  it("times each campaign message WhatsApp took, under the sending number's session name", async () => {
    // The dry-run transport takes 400 ms (on the fake clock) to accept each message.
    current = createTestApp({ DRY_RUN_LATENCY_MS: '400' });
    const t = current;
    await t.app.start();
    const listId = seedList(t.app.services.repos, 3);
    await t.type(`/send ${listId} Hello {name}`);
    await t.type('/run 1');
    await t.clock.runUntil(() => t.app.services.repos.campaigns.get(1)?.state === 'completed');

    const text = await t.app.services.metrics.text();
    expect(text).toContain('zapcast_send_latency_seconds_count{number="main"} 3');
    expect(text).toContain('zapcast_send_latency_seconds_sum{number="main"} 1.2');
    expect(text).toContain('zapcast_send_latency_seconds_bucket{le="0.25",number="main"} 0');
    expect(text).toContain('zapcast_send_latency_seconds_bucket{le="0.5",number="main"} 3');
    // The label is the session name, never the phone number behind it.
    expect(text).not.toMatch(/zapcast_send_latency_seconds\w*\{[^}]*number="\+?\d/);
  });

  it('does not time sends that failed', async () => {
    current = createTestApp({ DRY_RUN_LATENCY_MS: '400', DRY_RUN_FAIL_RATE: '1' });
    const t = current;
    await t.app.start();
    const listId = seedList(t.app.services.repos, 2);
    await t.type(`/send ${listId} Hello {name}`);
    await t.type('/run 1');
    const runId = t.app.services.repos.runs.latestOf(1)!.id;
    const attempts = () => [...t.app.services.repos.messages.ofRun(runId)].reduce((sum, m) => sum + m.attempts, 0);
    await t.clock.runUntil(() => attempts() >= 2);
    const text = await t.app.services.metrics.text();
    expect(text).toContain('# TYPE zapcast_send_latency_seconds histogram');
    expect(text).not.toContain('zapcast_send_latency_seconds_count{number="main"}');
  });
});
