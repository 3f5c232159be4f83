import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvents } from '../../src/core/events.js';
import { seedList } from '../support/seed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tempDir } from '../support/temp-dir.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

async function running(overrides: Record<string, string> = {}, contacts = 20) {
  const dataDir = tempDir();
  const log = join(dataDir, 'sent.jsonl');
  current = createTestApp({ SEND_DELAY_MIN_MS: '5000', SEND_DELAY_MAX_MS: '5000', DRY_RUN_LOG: log, ...overrides }, { dataDir });
  const t = current;
  await t.app.start();
  const { repos, campaigns } = t.app.services;
  const campaign = campaigns.createDraft({ listId: seedList(repos, contacts), template: 'Hi {name}' });
  await campaigns.start(campaign.id);
  const sentTo = () =>
    existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { jid: string; text: string }) : [];
  return { t, campaignId: campaign.id, sentTo };
}

const phone = (i: number) => `+55119${String(10000000 + i)}`;

describe('opt-outs and replies', () => {
  it('suppresses a number that replies STOP: its queued message is skipped, the operators are told, a confirmation goes out', async () => {
    const { t, campaignId, sentTo } = await running({ OPTOUT_REPLY: 'You will not hear from us again.' });
    const notified: AppEvents['optout.added'][] = [];
    t.app.services.events.on('optout.added', (e) => notified.push(e));
    await t.clock.runUntil(() => sentTo().length >= 2);
    t.transport.events.emit('inbound', { phone: phone(15), text: 'Stop!', waMessageId: 'IN1', at: t.clock.now() });
    await t.clock.settle();
    await t.clock.runUntil(() => t.app.services.repos.campaigns.get(campaignId)?.state === 'completed');

    const { repos } = t.app.services;
    expect(repos.optOuts.has(phone(15))).toBe(true);
    expect(notified).toEqual([{ sessionName: 'main', phone: phone(15), text: 'Stop!' }]);
    const jid15 = `${phone(15).slice(1)}@s.whatsapp.net`;
    expect(sentTo().filter((s) => s.jid === jid15).map((s) => s.text)).toEqual(['You will not hear from us again.']);
    const run = repos.runs.latestOf(campaignId)!;
    expect(repos.counters.forRun(run.id).skipped).toBe(1);
  });

  it('counts an opt-out once, even when WhatsApp delivers the reply twice', async () => {
    const { t } = await running();
    for (let i = 0; i < 2; i++) t.transport.events.emit('inbound', { phone: phone(3), text: 'SAIR', waMessageId: 'DUP', at: t.clock.now() });
    await t.clock.settle();
    expect(t.app.services.repos.optOuts.count()).toBe(1);
  });

  it('counts other replies on the campaign they answer', async () => {
    const { t, campaignId, sentTo } = await running();
    await t.clock.runUntil(() => sentTo().length >= 3);
    t.transport.events.emit('inbound', { phone: phone(0), text: 'Thanks, see you there', waMessageId: 'R1', at: t.clock.now() });
    t.transport.events.emit('inbound', { phone: phone(1), text: 'ok', waMessageId: 'R2', at: t.clock.now() });
    await t.clock.settle();
    const run = t.app.services.repos.runs.latestOf(campaignId)!;
    expect(t.app.services.repos.inbound.repliesOf(run.id)).toEqual({ replies: 2, optOuts: 0 });
  });
});

describe('the breaker', () => {
  it("pauses the number's campaigns on a capping warning and offers Resume / Slow down / Stop", async () => {
    const { t, campaignId, sentTo } = await running();
    const notices: AppEvents['notice'][] = [];
    t.app.services.events.on('notice', (n) => notices.push(n));
    await t.clock.runUntil(() => sentTo().length >= 2);
    t.transport.events.emit('capping', { detail: 'message capping: new chats limited', source: 'message_capping' });
    await t.clock.settle();

    const { repos } = t.app.services;
    expect(repos.campaigns.get(campaignId)).toMatchObject({ state: 'paused' });
    expect(repos.campaigns.get(campaignId)?.stateReason).toContain('message capping');
    expect(notices[0]?.buttons?.map((b) => b.command)).toEqual(['/breaker resume main', '/breaker slow-down main', '/breaker stop main']);
    await t.clock.advance(10_000); // the message already in flight still goes out
    const before = sentTo().length;
    await t.clock.advance(120_000);
    expect(sentTo().length).toBe(before);

    expect(await t.type('/breaker slow-down')).toContain('Delays on main are now 2x');
    expect(repos.campaigns.get(campaignId)?.state).toBe('running');
    await t.clock.runUntil(() => sentTo().length >= before + 2);
    const times = readFileSync(join(t.dataDir, 'sent.jsonl'), 'utf8').trim().split('\n').map((l) => Date.parse((JSON.parse(l) as { at: string }).at));
    expect(times[times.length - 1]! - times[times.length - 2]!).toBeGreaterThanOrEqual(10_000);
  });

  it('undoes "Slow down" with /breaker normal-pace (also a button), and /sessions shows the factor', async () => {
    const { t, sentTo } = await running();
    const trip = async (detail: string) => {
      t.transport.events.emit('capping', { detail, source: 'message_capping' });
      await t.clock.settle();
    };
    await t.clock.runUntil(() => sentTo().length >= 1);
    await trip('first warning');
    const first = await t.type('/breaker slow-down');
    expect(first).toContain('Delays on main are now 2x the configured pacing; /breaker normal-pace main undoes it.');
    expect(first).toContain('Normal pace: /breaker normal-pace main)');
    // A second press on the same trip's notice changes nothing.
    expect(await t.type('/breaker slow-down')).toContain('The breaker of WhatsApp main has not tripped; nothing is held.');
    expect(await t.type('/sessions')).toContain('pacing 2x the configured delays');
    expect(await t.type('/sessions')).toContain('Normal pace (main): /breaker normal-pace main)');
    await trip('second warning');
    expect(await t.type('/breaker slow-down')).toContain('now 4x');
    expect(t.app.services.repos.waSessions.paceFactor('main')).toBe(4);

    expect(await t.type('/breaker normal-pace')).toContain('WhatsApp main is back to the configured pacing.');
    expect(t.app.services.repos.waSessions.paceFactor('main')).toBe(1);
    expect(await t.type('/sessions')).toContain('pacing as configured');
    expect(await t.type('/breaker normal-pace')).toContain('WhatsApp main already sends at the configured pacing.');
    const sent = sentTo().length;
    await t.clock.runUntil(() => sentTo().length >= sent + 3);
    const times = readFileSync(join(t.dataDir, 'sent.jsonl'), 'utf8').trim().split('\n').map((l) => Date.parse((JSON.parse(l) as { at: string }).at));
    expect(times.at(-1)! - times.at(-2)!).toBe(5_000);
  });

  it('stops the held campaigns when the operator says stop', async () => {
    const { t, campaignId, sentTo } = await running();
    await t.clock.runUntil(() => sentTo().length >= 1);
    t.transport.events.emit('receipt', { waMessageId: 'whatever', status: 'failed', at: t.clock.now(), errorCode: '463' });
    await t.clock.settle();
    expect(t.app.services.repos.campaigns.get(campaignId)?.state).toBe('paused');
    expect(await t.type('/breaker stop')).toContain(`Stop the campaigns the breaker holds on WhatsApp main (${campaignId}) for good?`);
    expect(t.app.services.repos.campaigns.get(campaignId)?.state).toBe('paused');
    expect(await t.type('/breaker stop')).toContain(`Stopped campaigns ${campaignId}`);
    expect(t.app.services.repos.campaigns.get(campaignId)?.state).toBe('stopped');
  });

  it('watches again after a plain /resume of a held campaign, so the next warning pauses it again', async () => {
    const { t, campaignId, sentTo } = await running();
    await t.clock.runUntil(() => sentTo().length >= 1);
    t.transport.events.emit('capping', { detail: 'first warning', source: 'message_capping' });
    await t.clock.settle();
    expect(t.app.services.repos.campaigns.get(campaignId)?.state).toBe('paused');
    await t.type(`/resume ${campaignId}`);
    expect(t.app.services.repos.campaigns.get(campaignId)?.state).toBe('running');
    t.transport.events.emit('capping', { detail: 'second warning', source: 'message_capping' });
    await t.clock.settle();
    expect(t.app.services.repos.campaigns.get(campaignId)?.stateReason).toContain('second warning');
  });

  it('says so when the breaker has not tripped', async () => {
    const { t } = await running();
    expect((await t.type('/breaker resume')).trim()).toBe('The breaker of WhatsApp main has not tripped; nothing is held.');
  });
});

describe('the WhatsApp existence check', () => {
  it('skips numbers WhatsApp says are not on it, and caches every answer on the contact', async () => {
    const dataDir = tempDir();
    const log = join(dataDir, 'sent.jsonl');
    current = createTestApp({ DRY_RUN_LOG: log }, { dataDir });
    const t = current;
    const asked: string[][] = [];
    t.transport.exists = async (phones: string[]) => {
      asked.push(phones);
      return new Map(phones.map((p) => [p, { registered: !p.endsWith('3') && !p.endsWith('7') }] as const));
    };
    await t.app.start();
    const { repos, campaigns } = t.app.services;
    const campaign = campaigns.createDraft({ listId: seedList(repos, 10), template: 'Hi' });
    await campaigns.start(campaign.id);
    await t.clock.runUntil(() => repos.campaigns.get(campaign.id)?.state === 'completed');

    const run = repos.runs.latestOf(campaign.id)!;
    expect(repos.counters.forRun(run.id)).toMatchObject({ skipped: 2 });
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(8);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toHaveLength(10);
    const skipped = [...repos.messages.ofRun(run.id)].filter((m) => m.state === 'skipped');
    expect(skipped.map((m) => m.error)).toEqual(['not on WhatsApp', 'not on WhatsApp']);
  });

  it('sends to a number missing from the answer instead of condemning it, and does not ask again', async () => {
    const dataDir = tempDir();
    const log = join(dataDir, 'sent.jsonl');
    current = createTestApp({ DRY_RUN_LOG: log }, { dataDir });
    const t = current;
    let asks = 0;
    t.transport.exists = async (phones: string[]) => {
      asks++;
      return new Map(phones.filter((p) => !p.endsWith('5')).map((p) => [p, { registered: true }] as const));
    };
    await t.app.start();
    const { repos, campaigns } = t.app.services;
    const listId = seedList(repos, 6);
    const campaign = campaigns.createDraft({ listId, template: 'Hi' });
    await campaigns.start(campaign.id);
    await t.clock.runUntil(() => repos.campaigns.get(campaign.id)?.state === 'completed');

    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(6);
    expect(asks).toBe(1);
    const unknown = repos.contacts.firstOfList(listId, 10).find((c) => c.phone.endsWith('5'))!;
    expect(unknown).toMatchObject({ onWhatsapp: null });
    expect(unknown.checkedAt).not.toBeNull();
  });
});
