import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadLimitFor } from '../../../src/chat/telegram/download-limits.js';
import { tempDir } from '../../support/temp-dir.js';
import { testConfig } from '../../support/test-config.js';
import { contactsCsv, importAndPreview, OPERATOR, operatorMessageAfter, startTelegramApp, type TelegramTestApp } from '../../support/telegram/telegram-test-app.js';

let current: TelegramTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const after = operatorMessageAfter;
const MB = 1024 * 1024;

describe('the smaller things on Telegram', () => {
  it('imports a file with a very long name, storing it under a short safe name and showing the original', async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    const fileName = `${'Lista de contatos da campanha de Natal – versão final '.repeat(6)}.csv`;
    const upload = t.emulator.sendDocument(OPERATOR, { fileName, bytes: contactsCsv(2), mimeType: 'text/csv' });
    const report = await t.emulator.waitFor(() => after(t, upload.messageId, 'Valid: 2'), 'the import report');
    expect(report.text).toContain(`List 1 "${fileName}" imported.`);
    const stored = readdirSync(t.app.services.paths.uploads);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.length).toBeLessThan(120);
  });

  it("shows a draft's progress as not started, and refuses /send to a list with no contacts for what it is", async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    await importAndPreview(t, 3);
    const status = t.emulator.sendText(OPERATOR, '/status 1');
    const view = await t.emulator.waitFor(() => after(t, status.messageId, 'Campaign 1 (list 1'), 'the progress view of the draft');
    expect(view.text).not.toContain('100%');
    expect(view.text).toContain('Not started: nothing sent yet; 3 contact(s) on list 1. /run 1');

    const empty = t.emulator.sendDocument(OPERATOR, { fileName: 'typos.csv', bytes: Buffer.from('name,phone\nAna,123\nBia,4567\n'), mimeType: 'text/csv' });
    await t.emulator.waitFor(() => after(t, empty.messageId, 'Valid: 0'), 'the report of the list with no valid number');
    // An import with no valid number keeps no list, so /send names what is really wrong, never "everyone opted out".
    const send = t.emulator.sendText(OPERATOR, '/send 2 Hello');
    const refusal = await t.emulator.waitFor(() => after(t, send.messageId, 'List 2'), 'the answer to /send');
    expect(refusal.text).toBe('List 2 does not exist.');
    expect(refusal.text).not.toContain('opted out');
  });

  it("caps downloads at the public Bot API's 20 MB however its address is written", () => {
    for (const root of ['https://api.telegram.org', 'https://API.Telegram.org', 'https://api.telegram.org:443', 'http://api.telegram.org']) {
      expect(downloadLimitFor('import', testConfig({ TELEGRAM_API_ROOT: root })).maxBytes, root).toBe(20 * MB);
    }
    expect(downloadLimitFor('import', testConfig({ TELEGRAM_API_ROOT: 'http://127.0.0.1:8081' })).maxBytes).toBe(50 * MB);
  });

  it('says that an edited command is not run again', async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    const typed = t.emulator.sendText(OPERATOR, '/lists');
    await t.emulator.waitFor(() => after(t, typed.messageId, 'No lists yet'), 'the answer to /lists');
    t.emulator.editText(OPERATOR, typed.messageId, '/campaigns');
    const answer = await t.emulator.waitFor(() => after(t, typed.messageId, 'Edited messages are not run again'), 'the answer to the edit');
    expect(answer.replyTo).toBe(typed.messageId);
    expect(t.app.services.repos.audit.recent().map((e) => e.command)).toEqual(['lists']);
  });

  it('answers a repeat press of a spent button on the button itself, not in the chat', async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    const preview = await importAndPreview(t, 2);
    t.emulator.press(OPERATOR, preview.messageId, 'Cancel');
    await t.emulator.waitFor(() => after(t, preview.messageId, 'Campaign 1 (a draft) deleted'), 'the cancellation');
    // The same button again, from a client that still showed it.
    const again = t.emulator.press(OPERATOR, preview.messageId, 'Cancel', '/cancel 1');
    const toast = await t.emulator.waitFor(() => t.emulator.state.callbackAnswers.get(again), 'the answer to the repeat press');
    expect(toast).toMatchObject({ text: 'This button was already used.', showAlert: false });
    await t.bot.idle();
    expect(t.emulator.botMessages(OPERATOR.id).filter((m) => m.messageId > preview.messageId).map((m) => m.text)).toEqual(['Campaign 1 (a draft) deleted; nothing was sent.']);
  });
});
