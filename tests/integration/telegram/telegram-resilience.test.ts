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
    // The /help answer itself is refused, whatever else the bot sends meanwhile (here the answer to
    // another command; under load, notices from the start), so the test never depends on which goes first.
    const isHelp = (params: Record<string, unknown>) => String(params.text ?? '').includes('zapcast commands');
    t.emulator.failNext('sendMessage', 1, 1, isHelp);
    t.emulator.sendText(OPERATOR, '/campaigns');
    const ask = t.emulator.sendText(OPERATOR, '/help');
    const help = await t.emulator.waitFor(() => after(t, ask.messageId, 'zapcast commands'), 'the /help answer');
    const [limited, retried, ...more] = t.emulator.callsOf('sendMessage').filter((c) => isHelp(c.params));
    expect([limited?.status, retried?.status, more]).toEqual([429, 200, []]);
    // Both times are the emulator's, and the bot may send again only once retry_after (1 s) has passed
    // since it read the 429: a slow machine makes the gap longer, never shorter.
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1_000);
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
