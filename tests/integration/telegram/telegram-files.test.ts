import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import { contactsCsv, OPERATOR, operatorMessageAfter, startTelegramApp, type TelegramTestApp } from '../../support/telegram/telegram-test-app.js';

let current: TelegramTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const after = operatorMessageAfter;

describe('files sent to the Telegram bot', () => {
  it('makes a photo with a /send caption the campaign media', async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    t.emulator.sendDocument(OPERATOR, { fileName: 'contacts.csv', bytes: contactsCsv(4), mimeType: 'text/csv' });
    await t.emulator.waitFor(() => after(t, 0, 'Valid: 4'), 'the import report');

    const photo = t.emulator.sendPhoto(OPERATOR, { bytes: Buffer.from('not really a jpeg, but bytes all the same'), caption: '/send 1 Look, {name}!' });
    const preview = await t.emulator.waitFor(() => after(t, photo.messageId, 'Recipients: 4'), 'the preview');
    expect(preview.text).toMatch(/with image photo-\w+\.jpg/);
    const media = t.app.services.repos.campaigns.get(1)?.media;
    expect(media?.kind).toBe('image');
    expect(media?.fileName).toMatch(/^photo-\w+\.jpg$/);
  });

  it('imports an earlier file when /import replies to it', async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    const file = t.emulator.sendDocument(OPERATOR, { fileName: 'later.csv', bytes: contactsCsv(3), caption: 'the list for Friday' });
    await t.emulator.waitFor(() => after(t, file.messageId, 'To import contacts'), 'the hint about files');
    expect(t.app.services.repos.lists.list()).toHaveLength(0);

    const reply = t.emulator.sendText(OPERATOR, '/import', { replyTo: file.messageId });
    const report = await t.emulator.waitFor(() => after(t, reply.messageId, 'Valid: 3'), 'the import report');
    expect(report.text).toContain('/send 1');
    expect(t.app.services.repos.lists.list().map((l) => l.name)).toEqual(['later.csv']);
  });

  it('refuses a file over the size limit before downloading it, and creates nothing', async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    const big = t.emulator.sendDocument(OPERATOR, { fileName: 'huge.csv', bytes: contactsCsv(2), reportedSize: 60 * 1024 * 1024 });
    const refusal = await t.emulator.waitFor(() => after(t, big.messageId, 'IMPORT_MAX_BYTES'), 'the refusal');
    expect(refusal.text).toMatch(/62914560 bytes|60 MB/);
    expect(t.emulator.callsOf('getFile')).toHaveLength(0);
    expect(t.emulator.callsOf('download')).toHaveLength(0);
    expect(t.app.services.repos.lists.list()).toHaveLength(0);
  });
});
