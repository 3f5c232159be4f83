import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import type { StoredMessage } from '../../support/telegram/bot-api-emulator.js';
import { importAndPreview, OPERATOR, operatorMessageAfter, startTelegramApp, type TelegramTestApp } from '../../support/telegram/telegram-test-app.js';

let current: TelegramTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const after = operatorMessageAfter;
const buttonsOf = (message: StoredMessage) => message.buttons.flat().map((b) => [b.text, b.callback_data]);

describe('/start, deep links and irreversible commands on Telegram', () => {
  it('answers /start with a payload (what a t.me/<bot>?start=1 link sends) with a greeting, and starts nothing; /run and Start do', async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    const preview = await importAndPreview(t, 3);
    expect(buttonsOf(preview)).toEqual([
      ['Start', '/run 1'],
      ['Cancel', '/cancel 1'],
    ]);
    expect(preview.text).toContain('Start with /run 1');

    const link = t.emulator.sendText(OPERATOR, '/start 1');
    const greeting = await t.emulator.waitFor(() => after(t, link.messageId, 'zapcast is ready'), 'the greeting');
    expect(greeting.text).toContain(`Your Telegram id is ${OPERATOR.id}`);
    expect(greeting.text).toContain('/send <list>');
    expect(greeting.text).toContain('/run <campaign>');
    await t.bot.idle();
    expect(t.app.services.repos.campaigns.get(1)?.state).toBe('draft');
    expect(t.sent()).toHaveLength(0);
    expect(t.app.services.repos.audit.recent().find((entry) => entry.command === 'start')).toMatchObject({ arguments: '1', outcome: 'ok' });

    const run = t.emulator.sendText(OPERATOR, '/run 1');
    await t.emulator.waitFor(() => after(t, run.messageId, 'Campaign 1 (list 1'), 'the progress message of /run');
    await t.emulator.waitFor(() => t.app.services.repos.campaigns.get(1)?.state === 'completed', 'the campaign to finish');
    expect(t.sent()).toHaveLength(3);
  });

  it('asks before a typed /stop or /logout: Confirm runs the command, Cancel runs nothing', async () => {
    current = await startTelegramApp({ dataDir: tempDir(), latencyMs: 200 });
    const t = current;
    const preview = await importAndPreview(t, 30);
    t.emulator.press(OPERATOR, preview.messageId, 'Start');
    await t.emulator.waitFor(() => t.sent().length >= 1, 'the first send');

    const stop = t.emulator.sendText(OPERATOR, '/stop 1');
    const question = await t.emulator.waitFor(() => after(t, stop.messageId, 'Stop campaign 1 for good?'), 'the confirmation question');
    expect(buttonsOf(question)).toEqual([
      ['Confirm', '/stop 1'],
      ['Cancel', '/nevermind stop 1'],
    ]);
    expect(t.app.services.repos.campaigns.get(1)?.state).toBe('running');
    t.emulator.press(OPERATOR, question.messageId, 'Confirm');
    await t.emulator.waitFor(() => after(t, question.messageId, 'Campaign 1 stopped.'), 'the stop');
    expect(t.app.services.repos.campaigns.get(1)?.state).toBe('stopped');
    expect(question.buttons).toEqual([]);

    const logout = t.emulator.sendText(OPERATOR, '/logout');
    const logoutQuestion = await t.emulator.waitFor(() => after(t, logout.messageId, 'Log WhatsApp main'), 'the logout question');
    t.emulator.press(OPERATOR, logoutQuestion.messageId, 'Cancel');
    await t.emulator.waitFor(() => after(t, logoutQuestion.messageId, 'Cancelled: /logout was not run.'), 'the cancellation');
    expect(t.app.services.dispatcher.session('main')?.transport.state).toBe('open');

    const audit = t.app.services.repos.audit.recent().map((entry) => [entry.command, entry.outcome]);
    expect(audit).toEqual(expect.arrayContaining([['stop', 'asked'], ['stop', 'ok'], ['logout', 'asked'], ['logout', 'declined']]));
    expect(audit.filter(([command, outcome]) => command === 'logout' && outcome === 'ok')).toEqual([]);
  });
});
