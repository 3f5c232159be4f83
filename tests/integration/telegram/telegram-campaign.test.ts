import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import type { StoredMessage } from '../../support/telegram/bot-api-emulator.js';
import { contactsCsv, OPERATOR, startTelegramApp, type TelegramTestApp } from '../../support/telegram/telegram-test-app.js';

let current: TelegramTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const chat = OPERATOR.id;
const labels = (message: StoredMessage) => message.buttons.flat().map((b) => b.text);

/** The bot's first message in the operator's chat, sent after `after`, whose text includes `needle`. */
function findText(t: TelegramTestApp, needle: string, after = 0): StoredMessage | undefined {
  return t.emulator.botMessages(chat).find((m) => m.messageId > after && (m.text ?? m.caption ?? '').includes(needle));
}

async function importAndPreview(t: TelegramTestApp, contacts: number): Promise<StoredMessage> {
  t.emulator.sendDocument(OPERATOR, { fileName: 'contacts.csv', bytes: contactsCsv(contacts), mimeType: 'text/csv' });
  await t.emulator.waitFor(() => findText(t, `Valid: ${contacts}`), 'the import report');
  const ask = t.emulator.sendText(OPERATOR, '/send 1 Hi {name} from {city}');
  return t.emulator.waitFor(() => findText(t, 'Recipients:', ask.messageId), 'the preview');
}

describe('a campaign run from Telegram', () => {
  it('imports an uploaded CSV, previews /send with Start and Cancel, and sends to every contact once when Start is pressed', async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    const menu = await t.emulator.waitFor(() => t.emulator.menuFor(OPERATOR.id).length > 0 && t.emulator.menuFor(OPERATOR.id), "the operator's command menu");
    expect(menu).toEqual(expect.arrayContaining(['help', 'import', 'send', 'run', 'status', 'qr', 'report']));

    const preview = await importAndPreview(t, 12);
    expect(preview.text).toContain('Hi Person 0 from City 0');
    expect(preview.text).toContain('Recipients: 12');
    expect(labels(preview)).toEqual(['Start', 'Cancel']);

    const pressId = t.emulator.press(OPERATOR, preview.messageId, 'Start');
    const progress = await t.emulator.waitFor(() => findText(t, 'Campaign 1 (list 1', preview.messageId), 'the progress message');
    await t.emulator.waitFor(() => progress.text?.includes('completed') && progress.text.includes('read 12') && progress, 'the progress message edited to completed');

    expect(t.emulator.state.callbackAnswers.has(pressId)).toBe(true);
    expect(labels(preview)).toEqual([]);
    expect(progress.deleted).toBe(false);
    expect(progress.text).toContain('[DRY RUN]');
    expect(progress.text).toContain('sent 12');
    expect(labels(progress)).toEqual([]);
    const sent = t.sent();
    expect(sent).toHaveLength(12);
    expect(new Set(sent.map((s) => s.jid)).size).toBe(12);
    expect(sent.find((s) => s.jid === '5511910000004@s.whatsapp.net')?.text).toBe('Hi Person 4 from City 1');
    // One progress message for the run, edited in place, never faster than the configured interval.
    expect(t.emulator.botMessages(chat).filter((m) => m.text?.startsWith('[DRY RUN] Campaign 1 (list 1'))).toHaveLength(1);
    const times = [progress.sentAt, ...progress.edits.map((e) => e.at)];
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(280);
    await t.emulator.waitFor(() => findText(t, 'Campaign 1 completed: 12 of 12 sent'), 'the run-finished notice');
  });

  it('pauses and resumes sending from the progress message buttons', async () => {
    current = await startTelegramApp({ dataDir: tempDir(), latencyMs: 40 });
    const t = current;
    const preview = await importAndPreview(t, 40);
    t.emulator.press(OPERATOR, preview.messageId, 'Start');
    const progress = await t.emulator.waitFor(() => findText(t, 'Campaign 1 (list 1', preview.messageId), 'the progress message');
    await t.emulator.waitFor(() => t.sent().length >= 3, 'the first sends');

    t.emulator.press(OPERATOR, progress.messageId, 'Pause');
    await t.emulator.waitFor(() => progress.text?.includes('paused') && labels(progress).includes('Resume'), 'the progress message showing paused');
    const atPause = t.sent().length;
    expect(atPause).toBeLessThan(40);
    expect(t.app.services.repos.campaigns.get(1)?.state).toBe('paused');
    // Nothing more goes out while paused (the send in flight at the press is already counted).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.sent().length).toBe(atPause);

    t.emulator.press(OPERATOR, progress.messageId, 'Resume');
    await t.emulator.waitFor(() => progress.text?.includes('completed') && progress, 'the progress message edited to completed');
    const sent = t.sent();
    expect(sent).toHaveLength(40);
    expect(new Set(sent.map((s) => s.jid)).size).toBe(40);
    expect(findText(t, 'Campaign 1 paused.')).toBeDefined();
    expect(t.emulator.botMessages(chat).filter((m) => m.text?.startsWith('[DRY RUN] Campaign 1 (list 1'))).toHaveLength(1);
  });
});
