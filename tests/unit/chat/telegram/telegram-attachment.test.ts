import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Telegram } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { BotApi } from '../../../../src/chat/telegram/bot-api.js';
import { downloadLimitFor } from '../../../../src/chat/telegram/download-limits.js';
import { AttachmentTooLargeError, telegramAttachment } from '../../../../src/chat/telegram/telegram-attachment.js';
import { systemClock } from '../../../../src/core/clock.js';
import { silentLogger } from '../../../../src/core/logger.js';
import { tempDir } from '../../../support/temp-dir.js';
import { testConfig } from '../../../support/test-config.js';
import { BotApiEmulator } from '../../../support/telegram/bot-api-emulator.js';

let emulator: BotApiEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const USER = { id: 1001, first_name: 'Olivia' };

async function upload(bytes: Buffer, reportedSize?: number) {
  emulator = await BotApiEmulator.start();
  const api = new BotApi(new Telegram(emulator.token, { apiRoot: emulator.url }), systemClock, silentLogger(), new AbortController().signal);
  const message = emulator.sendDocument(USER, { fileName: 'my contacts.csv', bytes, reportedSize });
  const file = { fileId: message.file!.fileId, fileName: 'my contacts.csv', size: message.file!.reportedSize, mimeType: 'text/csv' };
  return { emulator, api, file };
}

describe('a file sent on Telegram', () => {
  it('is downloaded into the uploads folder when asked for', async () => {
    const { api, file } = await upload(Buffer.from('name,phone\nAna,+5511910000000\n'));
    const uploads = tempDir();
    const attachment = telegramAttachment(file, { api, uploadsDir: uploads, limit: { maxBytes: 1024, reason: 'test limit' }, stamp: () => 42 });
    const path = await attachment.localPath();
    expect(path).toBe(join(uploads, 'telegram-42-my_contacts.csv'));
    expect(readFileSync(path, 'utf8')).toContain('Ana,+5511910000000');
    expect(await attachment.localPath()).toBe(path);
    expect(emulator!.callsOf('getFile')).toHaveLength(1);
  });

  it('is refused for its reported size before anything is fetched', async () => {
    const { api, file } = await upload(Buffer.from('tiny'), 60 * 1024 * 1024);
    const uploads = tempDir();
    const attachment = telegramAttachment(file, { api, uploadsDir: uploads, limit: downloadLimitFor('import', testConfig({ TELEGRAM_API_ROOT: emulator!.url })), stamp: () => 1 });
    await expect(attachment.localPath()).rejects.toThrow(AttachmentTooLargeError);
    await expect(attachment.localPath()).rejects.toThrow('my contacts.csv is 60 MB; imports take files up to IMPORT_MAX_BYTES (50 MB). Nothing was downloaded.');
    expect(emulator!.callsOf('getFile')).toHaveLength(0);
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('is cut off and removed when more arrives than the limit, whatever Telegram reported', async () => {
    const { api, file } = await upload(Buffer.alloc(5_000, 'x'), 10);
    const uploads = tempDir();
    const attachment = telegramAttachment(file, { api, uploadsDir: uploads, limit: { maxBytes: 1_000, reason: 'test limit' }, stamp: () => 1 });
    await expect(attachment.localPath()).rejects.toThrow(AttachmentTooLargeError);
    expect(existsSync(uploads) ? readdirSync(uploads) : []).toEqual([]);
  });
});

describe('download limits', () => {
  it('are the import limit for /import and WhatsApp’s for media, capped at 20 MB by the public Bot API', () => {
    const local = testConfig({ TELEGRAM_API_ROOT: 'http://127.0.0.1:8081' });
    expect(downloadLimitFor('import', local).maxBytes).toBe(50 * 1024 * 1024);
    expect(downloadLimitFor('send', local).maxBytes).toBe(100 * 1024 * 1024);
    const cloud = testConfig();
    expect(downloadLimitFor('import', cloud)).toEqual({ maxBytes: 20 * 1024 * 1024, reason: expect.stringContaining('up to 20 MB') });
  });
});
