import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunLifecycle } from '../../../src/campaigns/run-lifecycle.js';
import { seedList } from '../../support/seed.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { tempDir } from '../../support/temp-dir.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

/** A started app whose dry run logs every send, and a draft to `contacts` people. */
async function draftWithSendLog(contacts: number) {
  const dataDir = tempDir();
  const log = join(dataDir, 'sent.jsonl');
  current = createTestApp({ DRY_RUN_LATENCY_MS: '100', DRY_RUN_LOG: log }, { dataDir });
  const t = current;
  await t.app.start();
  const { repos, campaigns } = t.app.services;
  const campaign = campaigns.createDraft({ listId: seedList(repos, contacts, t.clock.now()), template: 'Hi {name}' });
  return { t, log, campaign };
}

describe('sending with no gap between messages', () => {
  it('puts back the next message, claimed with the last ack, when a pause lands right after, without spending an attempt', async () => {
    const { t, log, campaign } = await draftWithSendLog(12);
    const { repos, campaigns, events } = t.app.services;
    let handled = 0;
    // Progress is reported after the ack that already claimed the next message.
    events.on('run.progress', () => {
      if (++handled === 4) campaigns.pause(campaign.id);
    });
    await campaigns.start(campaign.id);
    await t.clock.runUntil(() => repos.campaigns.get(campaign.id)?.state === 'paused');
    await t.clock.advance(1_000);

    const run = repos.runs.latestOf(campaign.id)!;
    const messages = [...repos.messages.ofRun(run.id)];
    expect(repos.counters.forRun(run.id)).toMatchObject({ sending: 0, pending: 8 });
    const pending = messages.filter((m) => m.state === 'pending');
    expect(pending.every((m) => m.attempts === 0)).toBe(true);
    // The one claimed ahead keeps its rendered text, so its send later is identical.
    expect(pending.filter((m) => m.body !== null)).toHaveLength(1);
    expect(repos.counters.forRun(run.id)).toEqual(repos.counters.recount(run.id));

    campaigns.resume(campaign.id, { resendUnknown: false });
    await t.clock.runUntil(() => repos.campaigns.get(campaign.id)?.state === 'completed');
    const sent = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { jid: string; messageId: string });
    expect(sent).toHaveLength(12);
    expect(new Set(sent.map((s) => s.jid)).size).toBe(12);
    expect(new Set(sent.map((s) => s.messageId)).size).toBe(12);
  });

  it('does not send the message claimed with the last ack when its run moved on without waking the loop', async () => {
    const { t, log, campaign } = await draftWithSendLog(6);
    const { repos, campaigns, events } = t.app.services;
    // A state change announced but with no wake of the send loop: the claimed message must still stay.
    const lifecycle = new RunLifecycle(repos, t.clock, events);
    let handled = 0;
    events.on('run.progress', ({ runId }) => {
      if (++handled === 2) lifecycle.transition(runId, 'paused', 'pause', 'paused underneath');
    });
    await campaigns.start(campaign.id);
    await t.clock.runUntil(() => repos.campaigns.get(campaign.id)?.state === 'paused');
    await t.clock.advance(2_000);

    const run = repos.runs.latestOf(campaign.id)!;
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(repos.counters.forRun(run.id)).toMatchObject({ sending: 0, pending: 4 });
    expect(repos.counters.forRun(run.id)).toEqual(repos.counters.recount(run.id));
  });
});
