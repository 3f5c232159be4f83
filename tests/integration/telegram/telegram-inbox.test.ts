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

describe('the inbox on Telegram', () => {
  it("forwards a recipient's answer to the operator with Reply / Opt out / Mute, and a reply to the forward goes out to that contact", async () => {
    current = await startTelegramApp({ dataDir: tempDir(), env: { DRY_RUN_REPLY_RATE: '1', DRY_RUN_REPLY_TEXTS: 'Do you deliver?' } });
    const t = current;
    const { repos, campaigns } = t.app.services;
    const listId = seedList(repos, 1);
    const campaign = campaigns.createDraft({ listId, template: 'Hi {name}, new stock today' });
    await campaigns.start(campaign.id);

    const forward = await t.emulator.waitFor(() => find(t, 'Inbox: '), 'the forwarded answer');
    const phone = repos.inbox.unanswered()[0]!.phone;
    expect(forward.text).toMatch(new RegExp(`^\\[DRY RUN\\] Inbox: .*\\(\\${phone}\\), campaign ${campaign.id}, answering message \\d+ "Hi .*, new stock today":\\nDo you deliver\\?$`));
    expect(forward.buttons.flat().map((b) => b.text)).toEqual(['Reply', 'Opt out', 'Mute']);

    t.emulator.press(OPERATOR, forward.messageId, 'Reply');
    await t.emulator.waitFor(() => find(t, 'reply to the forwarded message with your text'), 'the Reply prompt');
    expect(forward.buttons.flat().map((b) => b.text)).toEqual(['Reply', 'Opt out', 'Mute']);

    const answer = t.emulator.sendText(OPERATOR, 'Yes, every weekday', { replyTo: forward.messageId });
    const queued = await t.emulator.waitFor(() => t.emulator.botMessages(chat).find((m) => m.messageId > answer.messageId && (m.text ?? '').includes('queued')), 'the answer queued');
    const id = /message id (\w+)/.exec(queued.text ?? '')![1]!;
    const sent = await t.emulator.waitFor(() => t.sent().find((s) => s.messageId === id), 'the answer sent on WhatsApp');
    expect(sent).toMatchObject({ jid: `${phone.slice(1)}@s.whatsapp.net`, text: 'Yes, every weekday' });
    expect(repos.messages.byWaMessageId(id)).toMatchObject({ runId: null, phone });
  });

  it('answers a reply to a message that is not a forward as before, and sends nothing', async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    const help = t.emulator.sendText(OPERATOR, '/help');
    const shown = await t.emulator.waitFor(() => t.emulator.botMessages(chat).find((m) => m.messageId > help.messageId), 'the help');
    const stray = t.emulator.sendText(OPERATOR, 'hello there', { replyTo: shown.messageId });
    const hint = await t.emulator.waitFor(() => t.emulator.botMessages(chat).find((m) => m.messageId > stray.messageId && m.text === 'Commands start with /, for example /help.'), 'the hint');
    expect(hint.text).toBe('Commands start with /, for example /help.');
    expect(t.sent()).toEqual([]);
  });
});

describe('the inbox in a Telegram forum group', () => {
  it('opens a topic per contact in TELEGRAM_INBOX_CHAT, and text written in the topic answers that contact', async () => {
    const forum = { id: -1009876543210, type: 'supergroup' as const, title: 'Shop inbox', is_forum: true };
    current = await startTelegramApp({ dataDir: tempDir(), env: { DRY_RUN_REPLY_RATE: '1', DRY_RUN_REPLY_TEXTS: 'Do you deliver?', TELEGRAM_INBOX_CHAT: String(forum.id) } });
    const t = current;
    // The emulator learns of a chat from a message in it, as the bot would.
    const hello = t.emulator.sendText(OPERATOR, '/inbox', { chat: forum });
    await t.emulator.waitFor(() => t.emulator.botMessages(forum.id).find((m) => m.messageId > hello.messageId && (m.text ?? '').includes('No unanswered')), 'the /inbox answer in the forum');
    const { repos, campaigns } = t.app.services;
    const listId = seedList(repos, 1);
    await campaigns.start(campaigns.createDraft({ listId, template: 'Hi {name}' }).id);

    const forward = await t.emulator.waitFor(() => t.emulator.botMessages(forum.id).find((m) => (m.text ?? '').includes('Inbox: ')), 'the forward in its topic');
    expect(forward.threadId).toBeDefined();
    expect(t.emulator.botMessages(chat).find((m) => (m.text ?? '').includes('Inbox: '))).toBeUndefined();
    const phone = repos.inbox.unanswered()[0]!.phone;

    t.emulator.sendText(OPERATOR, 'We deliver on Fridays', { chat: forum, threadId: forward.threadId });
    const sent = await t.emulator.waitFor(() => t.sent().find((s) => s.text === 'We deliver on Fridays'), 'the answer sent on WhatsApp');
    expect(sent.jid).toBe(`${phone.slice(1)}@s.whatsapp.net`);
  });
});
