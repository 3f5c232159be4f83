import { afterEach, describe, expect, it } from 'vitest';
import { seedList } from '../../support/seed.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

async function started(): Promise<TestApp> {
  current = createTestApp();
  await current.app.start();
  return current;
}

/** Everything an operator could change, to prove a refused command changed nothing. */
function snapshot(t: TestApp) {
  const { db } = t.app.services.repos;
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    lists: count('contact_lists'),
    campaigns: db.prepare('SELECT id, state FROM campaigns ORDER BY id').all(),
    runs: count('campaign_runs'),
    messages: count('messages'),
  };
}

const lines = (output: string) => output.trim().split('\n');

describe('bad input on the console', () => {
  it('answers an unknown command with one line pointing to /help', async () => {
    const t = await started();
    expect(lines(await t.type('/sned 1 hi'))).toEqual(['Unknown command /sned. Send /help for the list of commands.']);
  });

  it('answers a missing argument with what is missing and the usage line', async () => {
    const t = await started();
    const before = snapshot(t);
    expect(lines(await t.type('/send 1'))).toEqual(['Missing <message…>.', 'Usage: /send <list> <message…> [media=<value>] [session=<value>] [delay=<value>]']);
    expect(snapshot(t)).toEqual(before);
  });

  it('answers a malformed argument with what was wrong and the usage line', async () => {
    const t = await started();
    expect(lines(await t.type('/pause seven'))).toEqual(['Campaign must be a whole number, not "seven".', 'Usage: /pause <campaign>']);
  });

  it('says an unknown campaign does not exist', async () => {
    const t = await started();
    const before = snapshot(t);
    expect(lines(await t.type('/run 42'))).toEqual(['Campaign 42 does not exist.']);
    expect(lines(await t.type('/status 42'))).toEqual(['Campaign 42 does not exist.']);
    expect(snapshot(t)).toEqual(before);
  });

  it('says an unknown list does not exist and creates no campaign', async () => {
    const t = await started();
    expect(lines(await t.type('/send 9 Hello'))).toEqual(['List 9 does not exist.']);
    expect(snapshot(t).campaigns).toEqual([]);
  });

  it('refuses to pause a completed campaign and leaves it completed', async () => {
    const t = await started();
    const { repos, campaigns } = t.app.services;
    const listId = seedList(repos, 3);
    const campaign = campaigns.createDraft({ listId, template: 'Hi' });
    await campaigns.start(campaign.id);
    await t.clock.runUntil(() => repos.campaigns.get(campaign.id)?.state === 'completed');
    const before = snapshot(t);
    expect(lines(await t.type(`/pause ${campaign.id}`))).toEqual([`Campaign ${campaign.id} is completed; it cannot be paused.`]);
    expect(snapshot(t)).toEqual(before);
  });

  it('refuses to start a completed campaign again by hand', async () => {
    const t = await started();
    const { repos, campaigns } = t.app.services;
    const campaign = campaigns.createDraft({ listId: seedList(repos, 2), template: 'Hi' });
    await campaigns.start(campaign.id);
    await t.clock.runUntil(() => repos.campaigns.get(campaign.id)?.state === 'completed');
    const before = snapshot(t);
    expect(lines(await t.type(`/run ${campaign.id}`))).toEqual([
      `Campaign ${campaign.id} is completed; it cannot be started again. Make a new one with /send 1 <message>, or /schedule it.`,
    ]);
    expect(snapshot(t)).toEqual(before);
  });

  it('refuses a /send to a list whose contacts all opted out, and leaves no draft', async () => {
    const t = await started();
    const { repos } = t.app.services;
    const listId = seedList(repos, 1);
    repos.optOuts.add('+5511910000000', 'test', null, 0);
    expect(lines(await t.type(`/send ${listId} Hello`))).toEqual([`Every contact of list ${listId} has opted out; there is nobody to send to.`]);
    expect(snapshot(t).campaigns).toEqual([]);
  });

  it('says a file that does not exist does not exist and creates no list', async () => {
    const t = await started();
    expect(lines(await t.type('/import no-such-file.csv'))).toEqual(['The file no-such-file.csv does not exist.']);
    expect(snapshot(t).lists).toBe(0);
  });

  it('refuses to resend unknown messages when there are none', async () => {
    const t = await started();
    const { repos, campaigns } = t.app.services;
    const campaign = campaigns.createDraft({ listId: seedList(repos, 2), template: 'Hi' });
    await campaigns.start(campaign.id);
    await t.clock.runUntil(() => repos.campaigns.get(campaign.id)?.state === 'completed');
    expect(lines(await t.type(`/resume ${campaign.id} resend-unknown`))).toEqual([`Campaign ${campaign.id} has no messages with an unknown outcome to resend.`]);
  });

  it('writes every command, refused or not, to the audit log', async () => {
    const t = await started();
    await t.type('/pause seven');
    await t.type('/lists');
    const entries = t.app.services.repos.audit.recent();
    expect(entries.map((e) => [e.command, e.outcome])).toEqual([
      ['lists', 'ok'],
      ['pause', 'usage'],
    ]);
  });
});
