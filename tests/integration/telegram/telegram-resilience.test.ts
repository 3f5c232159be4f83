import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import { contactsCsv, OPERATOR, operatorMessageAfter, startTelegramApp, type TelegramTestApp } from '../../support/telegram/telegram-test-app.js';

let current: TelegramTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const after = operatorMessageAfter;

describe('the Telegram bot under trouble', () => {
  it('waits out a 429 for its retry_after and then answers', async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    await t.bot.idle();
    t.emulator.failNext('sendMessage', 1);
    const ask = t.emulator.sendText(OPERATOR, '/help');
    const help = await t.emulator.waitFor(() => after(t, ask.messageId, 'zapcast commands'), 'the /help answer');
    const [limited, retried] = t.emulator.callsOf('sendMessage').filter((c) => c.at >= ask.sentAt);
    expect(limited?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(950);
    expect(help.text).toContain('/qr');
  });

  it('answers a failure while handling an update with a short message and keeps serving', async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    t.emulator.breakNext('getFile', { status: 500, body: { ok: false, error_code: 500, description: 'Internal Server Error' } });
    const upload = t.emulator.sendDocument(OPERATOR, { fileName: 'contacts.csv', bytes: contactsCsv(2) });
    const apology = await t.emulator.waitFor(() => after(t, upload.messageId, 'Something went wrong'), 'the apology');
    expect(apology.text).toMatch(/the details are in the log \(ref [0-9a-f]{6}\)/);
    expect(apology.text).not.toContain('Internal Server Error');

    const ask = t.emulator.sendText(OPERATOR, '/lists');
    await t.emulator.waitFor(() => after(t, ask.messageId, 'No lists yet'), 'the bot to keep answering');
  });

  it('answers a press of a button it no longer knows without running anything', async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    const ask = t.emulator.sendText(OPERATOR, '/campaigns');
    const answer = await t.emulator.waitFor(() => after(t, ask.messageId, 'No campaigns yet'), 'an answer');
    // A long command line travels as a token only the process that drew the button knows; a restart forgets it.
    const press = t.emulator.press(OPERATOR, answer.messageId, 'Old', 'k:token-from-before-a-restart');
    const reply = await t.emulator.waitFor(() => t.emulator.state.callbackAnswers.get(press), 'the callback answer');
    expect(reply).toMatchObject({ showAlert: true, text: expect.stringContaining('no longer works') });
    expect(t.app.services.repos.audit.recent().map((entry) => entry.command)).toEqual(['campaigns']);
  });
});
