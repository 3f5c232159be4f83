import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gapBounds } from '../../../src/dispatch/pacing.js';
import { seedList } from '../../support/seed.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { tempDir } from '../../support/temp-dir.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

async function startCampaign(t: TestApp, contacts: number, template = 'Hi {name}'): Promise<number> {
  const { repos, campaigns } = t.app.services;
  const listId = seedList(repos, contacts, t.clock.now());
  const campaign = campaigns.createDraft({ listId, template });
  await campaigns.start(campaign.id);
  return campaign.id;
}

const stateOf = (t: TestApp, campaignId: number) => t.app.services.repos.campaigns.get(campaignId)?.state;
const countsOf = (t: TestApp, campaignId: number) => {
  const run = t.app.services.repos.runs.latestOf(campaignId)!;
  return t.app.services.repos.counters.forRun(run.id);
};

const reached = (t: TestApp, campaignId: number) => {
  const c = countsOf(t, campaignId);
  return c.sent + c.delivered + c.read;
};

function sentLog(path: string): { messageId: string; jid: string; at: string }[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { messageId: string; jid: string; at: string });
}

describe('the send loop', () => {
  it('sends 1,000 messages at 4-8 s with a 20-40 s pause every 10 within the computed bounds', async () => {
    const pacing = { SEND_DELAY_MIN_MS: '4000', SEND_DELAY_MAX_MS: '8000', LONG_PAUSE_EVERY: '10', LONG_PAUSE_MIN_MS: '20000', LONG_PAUSE_MAX_MS: '40000' };
    const dataDir = tempDir();
    const log = join(dataDir, 'sent.jsonl');
    current = createTestApp({ ...pacing, DRY_RUN_LOG: log }, { dataDir });
    const t = current;
    await t.app.start();
    const campaignId = await startCampaign(t, 1000);
    await t.clock.runUntil(() => stateOf(t, campaignId) === 'completed');

    const sends = sentLog(log).map((s) => Date.parse(s.at));
    expect(sends).toHaveLength(1000);
    const elapsed = sends[sends.length - 1]! - sends[0]!;
    const bounds = gapBounds(1000, t.app.services.config.pacing);
    expect(elapsed).toBeGreaterThanOrEqual(bounds.min);
    expect(elapsed).toBeLessThanOrEqual(bounds.max);
    for (let i = 1; i < sends.length; i++) {
      const gap = sends[i]! - sends[i - 1]!;
      if (i % 10 === 0) expect(gap).toBeGreaterThanOrEqual(20000);
      else expect(gap).toBeGreaterThanOrEqual(4000), expect(gap).toBeLessThanOrEqual(8000);
    }
  }, 60_000);

  it('stops at the daily cap and goes on the next day', async () => {
    const dataDir = tempDir();
    const log = join(dataDir, 'sent.jsonl');
    current = createTestApp({ DAILY_CAP: '20', DRY_RUN_LOG: log }, { dataDir });
    const t = current;
    await t.app.start();
    const campaignId = await startCampaign(t, 50);
    await t.clock.runUntil(() => stateOf(t, campaignId) === 'completed');

    const days = new Map<string, number>();
    for (const send of sentLog(log)) days.set(send.at.slice(0, 10), (days.get(send.at.slice(0, 10)) ?? 0) + 1);
    expect([...days.values()]).toEqual([20, 20, 10]);
    const firstOfDay2 = sentLog(log)[20]!;
    expect(firstOfDay2.at.slice(11, 16)).toBe('00:00');
  });

  it('sends nothing inside quiet hours', async () => {
    const dataDir = tempDir();
    const log = join(dataDir, 'sent.jsonl');
    current = createTestApp({ QUIET_HOURS: '12:05-13:00', SEND_DELAY_MIN_MS: '10000', SEND_DELAY_MAX_MS: '10000', DRY_RUN_LOG: log }, { dataDir });
    const t = current;
    await t.app.start();
    const campaignId = await startCampaign(t, 60);
    await t.clock.runUntil(() => stateOf(t, campaignId) === 'completed');

    const times = sentLog(log).map((s) => s.at.slice(11, 16));
    expect(times.filter((hhmm) => hhmm >= '12:05' && hhmm < '13:00')).toEqual([]);
    expect(times).toContain('13:00');
  });

  it('waits for the WhatsApp link without spending attempts, then goes on by itself', async () => {
    current = createTestApp({ SEND_DELAY_MIN_MS: '1000', SEND_DELAY_MAX_MS: '1000' });
    const t = current;
    await t.app.start();
    const campaignId = await startCampaign(t, 10);
    await t.clock.runUntil(() => reached(t, campaignId) >= 3);
    t.transport.simulateDrop('connection lost', 600_000);
    await t.clock.runUntil(() => stateOf(t, campaignId) === 'waiting_for_login');
    const sentBefore = reached(t, campaignId);
    await t.clock.advance(300_000);
    expect(reached(t, campaignId)).toBe(sentBefore);
    expect(countsOf(t, campaignId).pending).toBe(10 - sentBefore);
    expect(stateOf(t, campaignId)).toBe('waiting_for_login');
    await t.clock.runUntil(() => stateOf(t, campaignId) === 'completed');

    const { repos } = t.app.services;
    const run = repos.runs.latestOf(campaignId)!;
    const attempts = [...repos.messages.ofRun(run.id)].map((m) => m.attempts);
    expect(attempts.every((a) => a === 1)).toBe(true);
  });

  it('retries transient failures with backoff and still sends every message once', async () => {
    const dataDir = tempDir();
    const log = join(dataDir, 'sent.jsonl');
    current = createTestApp({ DRY_RUN_FAIL_RATE: '0.3', MAX_RETRIES: '10', RETRY_BASE_MS: '1000', RETRY_MAX_MS: '8000', DRY_RUN_LOG: log }, { dataDir });
    const t = current;
    await t.app.start();
    const campaignId = await startCampaign(t, 40);
    await t.clock.runUntil(() => stateOf(t, campaignId) === 'completed');

    const counts = countsOf(t, campaignId);
    expect(counts.sent + counts.delivered + counts.read).toBe(40);
    const sent = sentLog(log);
    expect(new Set(sent.map((s) => s.jid)).size).toBe(40);
    expect(sent).toHaveLength(40);
    const run = t.app.services.repos.runs.latestOf(campaignId)!;
    expect([...t.app.services.repos.messages.ofRun(run.id)].some((m) => m.attempts > 1)).toBe(true);
  });

  it('fails a message whose retries are spent and goes on with the run', async () => {
    current = createTestApp({ DRY_RUN_FAIL_RATE: '1', MAX_RETRIES: '2', RETRY_BASE_MS: '1000', RETRY_MAX_MS: '1000', BREAKER_MAX_FAILURES: '0' });
    const t = current;
    await t.app.start();
    const campaignId = await startCampaign(t, 3);
    await t.clock.runUntil(() => stateOf(t, campaignId) === 'completed');

    expect(countsOf(t, campaignId).failed).toBe(3);
    const run = t.app.services.repos.runs.latestOf(campaignId)!;
    const messages = [...t.app.services.repos.messages.ofRun(run.id)];
    expect(messages.every((m) => m.attempts === 3 && /gave up after 3 attempts/.test(m.error ?? ''))).toBe(true);
  });

  it('takes turns between two running campaigns on the same number', async () => {
    const dataDir = tempDir();
    const log = join(dataDir, 'sent.jsonl');
    current = createTestApp({ DRY_RUN_LOG: log }, { dataDir });
    const t = current;
    await t.app.start();
    const { repos, campaigns } = t.app.services;
    const listA = seedList(repos, 5);
    const listB = repos.lists.create({ name: 'b', createdAt: 0 });
    for (let i = 0; i < 5; i++) repos.contacts.insert(listB, { phone: `+55219${String(20000000 + i)}`, name: `B${i}`, fields: {}, lineType: 'mobile' });
    repos.lists.finish(listB, 5, '{}');
    const a = campaigns.createDraft({ listId: listA, template: 'A' });
    const b = campaigns.createDraft({ listId: listB, template: 'B' });
    await campaigns.start(a.id);
    await campaigns.start(b.id);
    await t.clock.runUntil(() => stateOf(t, a.id) === 'completed' && stateOf(t, b.id) === 'completed');

    const order = readFileSync(log, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text);
    expect(order.slice(1, 9)).toEqual(['B', 'A', 'B', 'A', 'B', 'A', 'B', 'A']);
  });

  it('keeps every run counter equal to a count over its messages', async () => {
    current = createTestApp({ DRY_RUN_FAIL_RATE: '0.2', MAX_RETRIES: '1', RETRY_BASE_MS: '1000' });
    const t = current;
    await t.app.start();
    t.app.services.repos.optOuts.add('+5511910000003', 'test', null, 0);
    const campaignId = await startCampaign(t, 30);
    await t.clock.runUntil(() => stateOf(t, campaignId) === 'completed');
    await t.clock.advance(60_000);

    const run = t.app.services.repos.runs.latestOf(campaignId)!;
    expect(t.app.services.repos.counters.forRun(run.id)).toEqual(t.app.services.repos.counters.recount(run.id));
    expect(countsOf(t, campaignId).skipped).toBe(1);
  });
});
