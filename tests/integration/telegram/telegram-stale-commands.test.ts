import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import { BotApiEmulator } from '../../support/telegram/bot-api-emulator.js';
import { contactsCsv, importAndPreview, OPERATOR, operatorMessageAfter, startTelegramApp, type TelegramTestApp } from '../../support/telegram/telegram-test-app.js';

let current: TelegramTestApp | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const after = operatorMessageAfter;
const TWO_HOURS = 2 * 3600;

describe('commands that waited on Telegram while zapcast was down', () => {
  it('runs only those that change nothing, and tells the operator which were skipped, in one message', async () => {
    const emulator = await BotApiEmulator.start();
    const dataDir = tempDir();
    const first = await startTelegramApp({ dataDir, emulator });
    await importAndPreview(first, 3);
    await first.app.stop();

    // While zapcast is down the operator keeps typing; Telegram keeps it all and hands it over at the next start.
    const backlog = [
      emulator.sendText(OPERATOR, '/run 1', { ageSeconds: TWO_HOURS }),
      emulator.sendText(OPERATOR, '/send 1 A message nobody reviewed', { ageSeconds: TWO_HOURS }),
      emulator.sendDocument(OPERATOR, { fileName: 'old.csv', bytes: contactsCsv(2), ageSeconds: TWO_HOURS }),
      emulator.sendText(OPERATOR, '/status 1', { ageSeconds: TWO_HOURS }),
      emulator.sendText(OPERATOR, '/cancel 1', { ageSeconds: 60 }),
    ];
    current = await startTelegramApp({ dataDir, emulator });
    const t = current;

    const notice = await t.emulator.waitFor(() => after(t, backlog[0]!.messageId, 'Not run:'), 'the notice of skipped commands');
    expect(notice.text).toBe(
      [
        'Not run: these 3 commands arrived too late (zapcast was offline) and change things that may no longer be wanted:',
        '/run 1 (sent 2 h 0 min ago)',
        '/send 1 A message nobody reviewed (sent 2 h 0 min ago)',
        '/import (old.csv) (sent 2 h 0 min ago)',
        'Send again whatever you still want done.',
      ].join('\n'),
    );
    // Read-only commands run whatever their age, and a recent one with side effects runs too.
    expect(after(t, backlog[0]!.messageId, 'Campaign 1 (list 1')?.text).toContain('Not started');
    expect(after(t, backlog[0]!.messageId, 'Campaign 1 (a draft) deleted')).toBeDefined();
    const { repos } = t.app.services;
    expect(repos.campaigns.list()).toEqual([]);
    expect(repos.lists.list()).toHaveLength(1);
    expect(t.emulator.callsOf('getFile')).toHaveLength(1);
    expect(t.sent()).toHaveLength(0);
    expect(repos.audit.recent().filter((e) => e.outcome === 'skipped').map((e) => e.command)).toEqual(['import', 'send', 'run']);
  });
});
