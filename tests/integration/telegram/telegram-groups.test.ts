import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import type { EmulatorChat } from '../../support/telegram/bot-api-emulator.js';
import { contactsCsv, messageAfter, OPERATOR, STRANGER, startTelegramApp, type TelegramTestApp } from '../../support/telegram/telegram-test-app.js';

let current: TelegramTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

/** The operators' forum group, in TELEGRAM_CHATS; topic 7 is where they work. */
const OPS: EmulatorChat = { id: -1001234, type: 'supergroup', title: 'ops', is_forum: true };
const TOPIC = 7;
/** A family group the operator is also in: not allowlisted. */
const FAMILY: EmulatorChat = { id: -2002, type: 'group', title: 'family' };

const start = (options: { pairAfterMs?: number } = {}) => startTelegramApp({ dataDir: tempDir(), env: { TELEGRAM_CHATS: String(OPS.id) }, ...options });

describe('the Telegram bot in groups', () => {
  it('is silent in groups not allowlisted and to strangers in any group, and imports files only where commands are obeyed', async () => {
    current = await start();
    const t = current;
    t.emulator.sendText(OPERATOR, '/lists', { chat: FAMILY });
    t.emulator.sendDocument(OPERATOR, { fileName: 'party.csv', bytes: contactsCsv(2), chat: FAMILY });
    t.emulator.sendText(STRANGER, '/lists', { chat: OPS, threadId: TOPIC });
    t.emulator.sendDocument(STRANGER, { fileName: 'theirs.csv', bytes: contactsCsv(2), chat: OPS, threadId: TOPIC });
    t.emulator.sendText(OPERATOR, '/weather', { chat: OPS, threadId: TOPIC });
    const addressed = t.emulator.sendText(OPERATOR, '/weather@zapcast_test_bot', { chat: OPS, threadId: TOPIC });
    const unknown = await t.emulator.waitFor(() => messageAfter(t, OPS.id, addressed.messageId, 'Unknown command /weather'), 'the answer to the addressed unknown command');
    expect(unknown.replyTo).toBe(addressed.messageId);

    const upload = t.emulator.sendDocument(OPERATOR, { fileName: 'ours.csv', bytes: contactsCsv(3), chat: OPS, threadId: TOPIC });
    const report = await t.emulator.waitFor(() => messageAfter(t, OPS.id, upload.messageId, 'Valid: 3'), 'the import report');
    expect(report).toMatchObject({ threadId: TOPIC, replyTo: upload.messageId });

    const stranger = t.emulator.sendText(STRANGER, '/lists');
    await t.emulator.waitFor(() => messageAfter(t, STRANGER.id, stranger.messageId, `Your Telegram id is ${STRANGER.id}`), 'the stranger told their id privately');
    await t.bot.idle();
    expect(t.emulator.botMessages(FAMILY.id)).toEqual([]);
    expect(t.emulator.botMessages(OPS.id).map((m) => m.text)).toEqual([unknown.text, report.text]);
    expect(t.emulator.callsOf('getFile')).toHaveLength(1);
    expect(t.app.services.repos.lists.list().map((l) => l.name)).toEqual(['ours.csv']);
  });

  it('answers in the topic and to the command, sends the QR and the pairing code only privately, and shows its menu only where it obeys', async () => {
    current = await start({ pairAfterMs: 600_000 });
    const t = current;
    const help = t.emulator.sendText(OPERATOR, '/help', { chat: OPS, threadId: TOPIC });
    const answer = await t.emulator.waitFor(() => messageAfter(t, OPS.id, help.messageId, 'zapcast commands'), 'the /help answer');
    expect(answer).toMatchObject({ threadId: TOPIC, replyTo: help.messageId });

    await t.emulator.waitFor(() => t.app.services.links.status('main')?.qr, 'a login QR code');
    const qr = t.emulator.sendText(OPERATOR, '/qr', { chat: OPS, threadId: TOPIC });
    const told = await t.emulator.waitFor(() => messageAfter(t, OPS.id, qr.messageId, 'Sent to you privately'), 'the group told the QR went privately');
    expect(told.threadId).toBe(TOPIC);
    const photo = await t.emulator.waitFor(() => t.emulator.botMessages(OPERATOR.id).find((m) => m.kind === 'photo'), 'the QR photo in the private chat');
    expect(photo.caption).toContain('Linked devices');

    const pair = t.emulator.sendText(OPERATOR, '/pair +5511912345678', { chat: OPS, threadId: TOPIC });
    await t.emulator.waitFor(() => messageAfter(t, OPS.id, pair.messageId, 'Sent to you privately'), 'the group told the code went privately');
    await t.emulator.waitFor(() => messageAfter(t, OPERATOR.id, 0, 'Pairing code for +5511912345678'), 'the pairing code in the private chat');
    await t.bot.idle();
    expect(t.emulator.botMessages(OPS.id).some((m) => m.kind === 'photo' || m.text?.includes('Pairing code'))).toBe(false);

    await t.emulator.waitFor(() => t.emulator.menuFor(OPS.id).length > 0, 'the group menu');
    expect(t.emulator.menuFor(OPERATOR.id)).toEqual(expect.arrayContaining(['send', 'run', 'status']));
    expect(t.emulator.menuFor(OPS.id)).toEqual(expect.arrayContaining(['send', 'run', 'status']));
    expect(t.emulator.menuFor(FAMILY.id)).toEqual([]);
    expect(t.emulator.menuFor(STRANGER.id)).toEqual([]);
  });
});
