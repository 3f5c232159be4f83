import { Telegram } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { BotApi } from '../../../../src/chat/telegram/bot-api.js';
import { InlineButtons } from '../../../../src/chat/telegram/inline-buttons.js';
import { TelegramSurface } from '../../../../src/chat/telegram/telegram-surface.js';
import { WorkProgress } from '../../../../src/chat/work-progress.js';
import { createEventBus } from '../../../../src/core/events.js';
import { silentLogger } from '../../../../src/core/logger.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { BotApiEmulator } from '../../../support/telegram/bot-api-emulator.js';

let emulator: BotApiEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('progress of long work in a chat', () => {
  it('shows one message while the work lasts, edited no faster than the interval, and removes it at the end', async () => {
    emulator = await BotApiEmulator.start();
    const e = emulator;
    const clock = new FakeClock();
    const events = createEventBus();
    const api = new BotApi(new Telegram(e.token, { apiRoot: e.url }), clock, silentLogger(), new AbortController().signal);
    const work = new WorkProgress({ events, surface: new TelegramSurface(api, new InlineButtons()), clock, intervalMs: 3_000, logger: silentLogger() });
    work.start();

    const result = await work.around('1001', async () => {
      events.emit('import.progress', { key: '1001', rows: 10_000 });
      events.emit('import.progress', { key: 'another chat', rows: 5 });
      const shown = await e.waitFor(() => e.visible(1001)[0], 'the progress message');
      expect(shown.text).toBe('Importing… 10,000 rows read so far.');
      for (const rows of [20_000, 30_000, 40_000]) {
        events.emit('import.progress', { key: '1001', rows });
        await clock.advance(1_000);
      }
      await e.waitFor(() => shown.edits.length === 1 && shown, 'the edit');
      expect(shown.text).toBe('Importing… 40,000 rows read so far.');
      return 'report';
    });

    expect(result).toBe('report');
    expect(e.botMessages(1001)).toHaveLength(1);
    expect(e.botMessages(1001)[0]?.deleted).toBe(true);
    expect(e.botMessages(-1)).toHaveLength(0);
    work.stop();
  });

  it('sends nothing for work that reports no progress', async () => {
    emulator = await BotApiEmulator.start();
    const clock = new FakeClock();
    const api = new BotApi(new Telegram(emulator.token, { apiRoot: emulator.url }), clock, silentLogger(), new AbortController().signal);
    const work = new WorkProgress({ events: createEventBus(), surface: new TelegramSurface(api, new InlineButtons()), clock, intervalMs: 3_000, logger: silentLogger() });
    work.start();
    await work.around('1001', async () => undefined);
    expect(emulator.state.calls).toHaveLength(0);
  });
});
