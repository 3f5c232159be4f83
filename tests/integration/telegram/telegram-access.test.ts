import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import { contactsCsv, OPERATOR, STRANGER, startTelegramApp, type TelegramTestApp } from '../../support/telegram/telegram-test-app.js';

let current: TelegramTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe('who the Telegram bot obeys', () => {
  it("refuses a stranger's /send and their presses on an operator's buttons, and changes nothing", async () => {
    current = await startTelegramApp({ dataDir: tempDir(), env: { TELEGRAM_CHATS: '-500' } });
    const t = current;
    t.emulator.sendDocument(OPERATOR, { fileName: 'contacts.csv', bytes: contactsCsv(3), mimeType: 'text/csv' });
    await t.emulator.waitFor(() => t.emulator.botMessages(OPERATOR.id).some((m) => m.text?.includes('Valid: 3')), 'the import report');

    t.emulator.sendText(STRANGER, '/send 1 Buy now');
    const refusal = await t.emulator.waitFor(() => t.emulator.botMessages(STRANGER.id).find((m) => m.text?.includes('not an operator')), 'the refusal');
    expect(refusal.text).toContain(`Your Telegram id is ${STRANGER.id}`);
    expect(t.app.services.repos.campaigns.list()).toHaveLength(0);

    const upload = t.emulator.sendDocument(STRANGER, { fileName: 'theirs.csv', bytes: contactsCsv(2) });
    await t.emulator.waitFor(() => t.emulator.botMessages(STRANGER.id).find((m) => m.messageId > upload.messageId && m.text?.includes('/import was not run')), 'the refused import');
    expect(t.emulator.callsOf('getFile')).toHaveLength(1);
    expect(t.app.services.repos.lists.list()).toHaveLength(1);

    // An operator's preview in an allowlisted group both are in: the stranger presses Start.
    const group = { id: -500, type: 'group' as const, title: 'ops' };
    const ask = t.emulator.sendText(OPERATOR, '/send 1 Hello {name}', { chat: group });
    const preview = await t.emulator.waitFor(() => t.emulator.botMessages(group.id).find((m) => m.messageId > ask.messageId && m.text?.includes('Recipients: 3')), 'the preview');
    const press = t.emulator.press(STRANGER, preview.messageId, 'Start');
    const answer = await t.emulator.waitFor(() => t.emulator.state.callbackAnswers.get(press), 'the refusal of the press');
    expect(answer.showAlert).toBe(true);
    expect(answer.text).toContain('not an operator');
    t.emulator.press(STRANGER, preview.messageId, 'Cancel');
    await t.emulator.waitFor(() => t.emulator.state.callbackAnswers.size === 2, 'the second refusal');
    await t.bot.idle();

    expect(t.app.services.repos.campaigns.get(1)?.state).toBe('draft');
    expect(preview.buttons.flat().map((b) => b.text)).toEqual(['Start', 'Cancel']);
    expect(t.sent()).toHaveLength(0);
    const refused = t.app.services.repos.audit.recent().filter((entry) => entry.outcome === 'refused');
    expect(refused.map((entry) => [entry.actorId, entry.command])).toEqual(
      expect.arrayContaining([
        [String(STRANGER.id), 'send'],
        [String(STRANGER.id), 'run'],
        [String(STRANGER.id), 'cancel'],
      ]),
    );
    expect(t.app.services.repos.audit.recent().some((entry) => entry.actorId === String(OPERATOR.id) && entry.command === 'send' && entry.outcome === 'ok')).toBe(true);
  });

  it('with no operators configured obeys nobody and tells each user their id and how to add it', async () => {
    current = await startTelegramApp({ dataDir: tempDir(), env: { TELEGRAM_OPERATORS: '' } });
    const t = current;
    t.emulator.sendText(STRANGER, '/start');
    t.emulator.sendText(STRANGER, '/lists');
    await t.emulator.waitFor(() => t.emulator.botMessages(STRANGER.id).length >= 2, 'two answers');
    for (const message of t.emulator.botMessages(STRANGER.id)) {
      expect(message.text).toContain('no operators yet');
      expect(message.text).toContain(`TELEGRAM_OPERATORS=${STRANGER.id}`);
    }
    expect(t.app.services.repos.audit.recent().find((entry) => entry.command === 'lists')?.outcome).toBe('refused');
  });
});
