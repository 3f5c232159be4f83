import { PREVIEW_SAMPLE_CHARS } from '../../../src/campaigns/preview.js';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import { contactsCsv, OPERATOR, operatorMessageAfter, startTelegramApp, type TelegramTestApp } from '../../support/telegram/telegram-test-app.js';

let current: TelegramTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const after = operatorMessageAfter;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

async function importContacts(t: TelegramTestApp, rows: number): Promise<void> {
  const upload = t.emulator.sendDocument(OPERATOR, { fileName: 'contacts.csv', bytes: contactsCsv(rows), mimeType: 'text/csv' });
  await t.emulator.waitFor(() => after(t, upload.messageId, `Valid: ${rows}`), 'the import report');
}

describe('text with emoji on Telegram', () => {
  it('clips a long preview and shortens templates on whole characters, so Telegram takes every answer', async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    await importContacts(t, 3);

    // 4,000 code units of emoji: three rendered samples need splitting. One of the two prefixes puts a naive cut inside a pair.
    for (const [index, prefix] of ['', 'x'].entries()) {
      const template = `${prefix}${'😀'.repeat(2_000)}`;
      const ask = t.emulator.sendText(OPERATOR, `/send 1 ${template}`);
      const last = await t.emulator.waitFor(() => after(t, ask.messageId, `Start with /run ${index + 1}`), 'the end of the preview');
      const parts = t.emulator.botMessages(OPERATOR.id).filter((m) => m.messageId > ask.messageId && m.messageId <= last.messageId);
      for (const part of parts) expect(part.text).not.toMatch(LONE_SURROGATE);
      // Each sample is clipped on a whole character, so the preview stays short.
      const clipped = `${prefix}${'😀'.repeat(PREVIEW_SAMPLE_CHARS - prefix.length)}…`;
      expect(parts.map((p) => p.text).join('').split(clipped)).toHaveLength(4);
      expect(last.buttons.flat().map((b) => b.text)).toEqual(['Start', 'Cancel']);
    }

    const party = t.emulator.sendText(OPERATOR, `/send 1 ${'a'.repeat(39)}🎉 party for {name} 👨‍👩‍👧`);
    await t.emulator.waitFor(() => after(t, party.messageId, 'Start with /run 3'), 'the third preview');
    const list = t.emulator.sendText(OPERATOR, '/campaigns');
    const campaigns = await t.emulator.waitFor(() => after(t, list.messageId, 'Campaign 3'), 'the /campaigns answer');
    expect(campaigns.text).toContain(`Campaign 3: a draft, list 1, "${'a'.repeat(39)}🎉…"`);
    expect(campaigns.text).toContain(`Campaign 1: a draft, list 1, "${'😀'.repeat(40)}…"`);
    expect(t.app.services.repos.audit.recent().filter((entry) => entry.outcome !== 'ok')).toEqual([]);
  });

  it('counts a command whose answer Telegram refused as done, says so in the chat, and audits it that way', async () => {
    current = await startTelegramApp({ dataDir: tempDir() });
    const t = current;
    await importContacts(t, 2);
    await t.emulator.waitFor(() => t.emulator.botMessages(OPERATOR.id).some((m) => m.text?.includes('is linked')), 'the link-up notice');
    await t.bot.idle();

    t.emulator.breakNext('sendMessage', { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: text must be encoded in UTF-8' } });
    const ask = t.emulator.sendText(OPERATOR, '/send 1 Hello {name}');
    const note = await t.emulator.waitFor(() => after(t, ask.messageId, 'was done'), 'the note about the lost answer');
    expect(note.text).toMatch(/^\/send 1 Hello \{name\} was done, but part of its answer could not be shown here \(ref [0-9a-f]{6}; the details are in the log\)\.$/);
    await t.bot.idle();
    expect(t.emulator.botMessages(OPERATOR.id).some((m) => m.text?.includes('Something went wrong'))).toBe(false);
    expect(t.app.services.repos.campaigns.get(1)?.state).toBe('draft');
    const audit = t.app.services.repos.audit.recent().find((entry) => entry.command === 'send');
    expect(audit).toMatchObject({ outcome: 'ok', detail: expect.stringMatching(/^done; reply failed \(ref [0-9a-f]{6}\)$/) });
  });
});
