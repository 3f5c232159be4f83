import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import { contactsCsv, OPERATOR, startTelegramApp, type TelegramTestApp } from '../../support/telegram/telegram-test-app.js';

let current: TelegramTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const chat = OPERATOR.id;

describe('/report on Telegram', () => {
  it('answers with the outcome CSV as a document and the summary as a PNG photo', async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    t.emulator.sendDocument(OPERATOR, { fileName: 'contacts.csv', bytes: contactsCsv(5), mimeType: 'text/csv' });
    await t.emulator.waitFor(() => t.emulator.botMessages(chat).some((m) => m.text?.includes('Valid: 5')), 'the import report');
    t.emulator.sendText(OPERATOR, '/send 1 Hello {name}');
    t.emulator.sendText(OPERATOR, '/run 1');
    await t.emulator.waitFor(() => t.app.services.repos.campaigns.get(1)?.state === 'completed', 'the campaign to complete');

    const ask = t.emulator.sendText(OPERATOR, '/report 1');
    const document = await t.emulator.waitFor(() => t.emulator.botMessages(chat).find((m) => m.messageId > ask.messageId && m.kind === 'document'), 'the CSV');
    const photo = await t.emulator.waitFor(() => t.emulator.botMessages(chat).find((m) => m.messageId > ask.messageId && m.kind === 'photo'), 'the PNG');

    expect(document.fileName).toMatch(/^campaign-1-report-.*\.csv$/);
    const rows = document.file!.bytes.toString('utf8').trim().split(/\r?\n/);
    expect(rows[0]).toContain('phone');
    expect(rows).toHaveLength(6);
    expect(rows.slice(1).every((row) => /,(sent|delivered|read),/.test(row))).toBe(true);

    expect(photo.fileName).toMatch(/^campaign-1-summary-.*\.png$/);
    expect(photo.caption).toBe('Campaign 1 summary');
    const image = PNG.sync.read(photo.file!.bytes);
    expect(image.width).toBe(1080);
    expect(image.height).toBeGreaterThan(300);
  });
});
