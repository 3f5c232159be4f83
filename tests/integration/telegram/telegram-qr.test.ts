import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import { OPERATOR, startTelegramApp, type TelegramTestApp } from '../../support/telegram/telegram-test-app.js';

let current: TelegramTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const chat = OPERATOR.id;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('/qr on Telegram', () => {
  it('sends the login QR as a PNG, replaces it as the code rotates, and removes it when the link comes up', async () => {
    current = await startTelegramApp({ dataDir: tempDir(), pairAfterMs: 1_500, qrRotateMs: 400 });
    const t = current;
    const nudge = await t.emulator.waitFor(() => t.emulator.visible(chat).find((m) => m.text?.includes('WhatsApp main is not linked')), 'the link-needed notice');
    expect(nudge.buttons.flat().map((b) => b.text)).toEqual(['Show QR']);

    t.emulator.sendText(OPERATOR, '/qr');
    const first = await t.emulator.waitFor(() => t.emulator.botMessages(chat).find((m) => m.kind === 'photo'), 'the QR photo');
    expect(first.file!.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const image = PNG.sync.read(first.file!.bytes);
    expect(image.width).toBeGreaterThan(100);
    expect(first.caption).toContain('Linked devices');
    expect(first.caption).toContain('DRY RUN');

    const second = await t.emulator.waitFor(
      () => t.emulator.botMessages(chat).find((m) => m.kind === 'photo' && m.messageId > first.messageId),
      'the rotated QR photo',
    );
    await t.emulator.waitFor(() => first.deleted, 'the first QR photo removed');
    expect(second.file!.bytes.equals(first.file!.bytes)).toBe(false);

    const linked = await t.emulator.waitFor(() => t.emulator.visible(chat).find((m) => m.text?.includes('is linked as +10000000000')), 'the linked message');
    await t.emulator.waitFor(() => t.emulator.botMessages(chat).every((m) => m.kind !== 'photo' || m.deleted), 'every QR photo removed');
    expect(linked.text).toContain('WhatsApp main');
    // The chat that watched the QR hears about the link once, not again as a notification.
    await t.bot.idle();
    expect(t.emulator.botMessages(chat).filter((m) => m.text?.includes('is linked'))).toHaveLength(1);

    const again = t.emulator.sendText(OPERATOR, '/qr');
    const answer = await t.emulator.waitFor(() => t.emulator.botMessages(chat).find((m) => m.messageId > again.messageId), 'the answer to /qr once linked');
    expect(answer.kind).toBe('text');
    expect(answer.text).toContain('already linked as +10000000000');
  });
});
