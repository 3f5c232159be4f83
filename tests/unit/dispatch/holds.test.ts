import { afterEach, describe, expect, it } from 'vitest';
import { seedList } from '../../support/seed.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

let current: TestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

/** The app with a campaign of `contacts` started, and the operator notices it gives. */
async function running(settings: Record<string, string>, contacts: number) {
  const t = createTestApp(settings);
  current = t;
  const notices: string[] = [];
  t.app.services.events.on('notice', ({ text }) => notices.push(text));
  await t.app.start();
  const listId = seedList(t.app.services.repos, contacts, t.clock.now());
  const campaign = t.app.services.campaigns.createDraft({ listId, template: 'Hi {name}' });
  await t.app.services.campaigns.start(campaign.id);
  return { t, notices, campaignId: campaign.id };
}

const sentOf = (t: TestApp, campaignId: number) => {
  const c = t.app.services.repos.counters.forRun(t.app.services.repos.runs.latestOf(campaignId)!.id);
  return c.sent + c.delivered + c.read;
};

describe('a run held by the daily cap, warm-up or quiet hours', () => {
  it('says what holds it and until when, in /status and in a notice, once', async () => {
    const { t, notices, campaignId } = await running({ DAILY_CAP: '100', WARMUP_DAYS: '14', WARMUP_START_CAP: '5', SEND_DELAY_MIN_MS: '1000', SEND_DELAY_MAX_MS: '1000' }, 8);
    await t.clock.runUntil(() => sentOf(t, campaignId) === 5);
    await t.clock.advance(60 * 60_000);

    const status = await t.type(`/status ${campaignId}`);
    expect(status).toContain('running');
    expect(status).toContain('held: daily cap 5/5 (warm-up day 1 of 14) until 00:00');
    expect(notices).toEqual([`[DRY RUN] Campaign ${campaignId} (number main) held: daily cap 5/5 (warm-up day 1 of 14) until 00:00.`]);

    // The next local day is warm-up day 2, with a higher cap: the rest goes, and nothing holds it any more.
    await t.clock.runUntil(() => t.app.services.repos.campaigns.get(campaignId)?.state === 'completed');
    expect(await t.type('/sessions')).toContain('sent today 3 of 12');
  });

  it('names quiet hours, and what follows them', async () => {
    // The test clock starts at 12:00 UTC.
    const { t, notices, campaignId } = await running({ QUIET_HOURS: '12:30-08:00', SEND_DELAY_MIN_MS: '60000', SEND_DELAY_MAX_MS: '60000' }, 40);
    await t.clock.advance(45 * 60_000);

    expect(sentOf(t, campaignId)).toBe(30);
    expect(await t.type(`/status ${campaignId}`)).toContain('held: quiet hours until 08:00');
    expect(notices).toEqual([`[DRY RUN] Campaign ${campaignId} (number main) held: quiet hours until 08:00.`]);
  });

  it('shows a cap that ends inside quiet hours, and then the quiet hours', async () => {
    const { t, campaignId } = await running({ DAILY_CAP: '3', WARMUP_DAYS: '0', QUIET_HOURS: '22:00-07:00', SEND_DELAY_MIN_MS: '1000', SEND_DELAY_MAX_MS: '1000' }, 5);
    await t.clock.runUntil(() => sentOf(t, campaignId) === 3);
    await t.clock.advance(60_000);

    expect(await t.type(`/status ${campaignId}`)).toContain('held: daily cap 3/3 until 00:00, then quiet hours until 07:00');
  });
});
