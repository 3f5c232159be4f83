import { afterEach, describe, expect, it } from 'vitest';
import { seedList } from '../../support/seed.js';
import { tempDir } from '../../support/temp-dir.js';
import { OPERATOR, startTelegramApp, type TelegramTestApp } from '../../support/telegram/telegram-test-app.js';

let current: TelegramTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const chat = OPERATOR.id;
const find = (t: TelegramTestApp, needle: string) => t.emulator.botMessages(chat).find((m) => (m.text ?? '').includes(needle));

describe("notices in the operators' private chats", () => {
  it('tell of opt-outs in one batch, a link closed for good, a breaker with its buttons, and a schedule that fired with its progress', async () => {
    current = await startTelegramApp({ dataDir: tempDir(), latencyMs: 30, notificationTiming: { linkDownGraceMs: 60_000, optOutBatchMs: 200 } });
    const t = current;
    const { events, repos, campaigns } = t.app.services;
    await t.emulator.waitFor(() => find(t, 'WhatsApp main is linked as +10000000000'), 'the link-up notice');

    for (const phone of ['+5511910000001', '+5511910000002', '+5511910000003']) events.emit('optout.added', { sessionName: 'main', phone, text: 'STOP' });
    const optOuts = await t.emulator.waitFor(() => find(t, 'opted out'), 'the opt-out notice');
    expect(optOuts.text).toBe('[DRY RUN] 3 number(s) opted out and will not be messaged again: +5511910000001, +5511910000002, +5511910000003.');

    const listId = seedList(repos, 30);
    const campaign = campaigns.createDraft({ listId, template: 'Hi {name}' });
    const run = await campaigns.start(campaign.id);
    events.emit('schedule.fired', { scheduleId: 4, campaignId: campaign.id, runId: run.id });
    await t.emulator.waitFor(() => find(t, `Schedule 4 started campaign ${campaign.id}`), 'the schedule notice');
    const progress = await t.emulator.waitFor(() => find(t, `Campaign ${campaign.id} (list ${listId}`), 'the progress message of the fired run');

    events.emit('notice', { text: 'Safety breaker on WhatsApp main: test trip.', buttons: [{ label: 'Pause it', command: `/pause ${campaign.id}` }] });
    const breaker = await t.emulator.waitFor(() => find(t, 'Safety breaker'), 'the breaker notice');
    t.emulator.press(OPERATOR, breaker.messageId, 'Pause it');
    // Asked from another message, the progress view moves below the answer: still one per run.
    const moved = await t.emulator.waitFor(
      () => t.emulator.visible(chat).find((m) => m.text?.startsWith(`[DRY RUN] Campaign ${campaign.id} (list`) && m.text.includes('paused')),
      'the progress message to show the pause',
    );
    await t.emulator.waitFor(() => progress.deleted, 'the earlier progress message removed');
    expect(moved.buttons.flat().map((b) => b.text)).toEqual(['Resume', 'Stop']);
    expect(breaker.buttons).toEqual([]);
    expect(repos.campaigns.get(campaign.id)?.state).toBe('paused');

    t.transport.simulateDrop('logged out');
    const down = await t.emulator.waitFor(() => find(t, 'link closed'), 'the link-down notice');
    expect(down.text).toBe('[DRY RUN] WhatsApp main link closed: logged out. Its campaigns wait until it is linked again.');
    expect(down.buttons.flat().map((b) => b.text)).toEqual(['Show QR']);
  });
});
