import { Telegram } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { BotApi, splitText } from '../../../../src/chat/telegram/bot-api.js';
import { silentLogger } from '../../../../src/core/logger.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { BotApiEmulator } from '../../../support/telegram/bot-api-emulator.js';

let emulator: BotApiEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function setUp() {
  emulator = await BotApiEmulator.start();
  const clock = new FakeClock();
  const api = new BotApi(new Telegram(emulator.token, { apiRoot: emulator.url }), clock, silentLogger(), new AbortController().signal);
  return { emulator, clock, api };
}

describe('the Bot API client', () => {
  it('waits out a 429 for its retry_after before trying again, and holds other calls meanwhile', async () => {
    const { emulator, clock, api } = await setUp();
    emulator.failNext('sendMessage', 7);
    const first = api.sendText('1001', 'hello');
    await emulator.waitFor(() => clock.pendingTimers() > 0, 'the wait to begin');
    const second = api.sendText('1002', 'other chat');
    await clock.advance(6_999);
    expect(emulator.callsOf('sendMessage').map((c) => c.status)).toEqual([429]);
    await clock.advance(1);
    await Promise.all([first, second]);
    expect(emulator.callsOf('sendMessage').map((c) => c.status)).toEqual([429, 200, 200]);
    expect(emulator.visible(1001).map((m) => m.text)).toEqual(['hello']);
  });

  it('gives up after repeated 429s rather than retrying for ever', async () => {
    const { emulator, clock, api } = await setUp();
    emulator.failNext('sendMessage', 1, 10);
    const sending = api.sendText('1001', 'hello').then(
      () => 'sent',
      (error: Error) => error.message,
    );
    for (let i = 0; i < 6; i++) {
      await emulator.waitFor(() => clock.pendingTimers() > 0 || emulator.callsOf('sendMessage').length === 6, 'the next wait');
      await clock.advance(1_000);
    }
    expect(await sending).toContain('429');
    expect(emulator.callsOf('sendMessage')).toHaveLength(6);
  });

  it('tells an edit that changed nothing, and a message that is gone, from a failure', async () => {
    const { emulator, api } = await setUp();
    const id = await api.sendText('1001', 'one');
    expect(await api.editText('1001', id, 'two')).toBe('edited');
    expect(await api.editText('1001', id, 'two')).toBe('unchanged');
    expect(await api.deleteMessage('1001', id)).toBe(true);
    expect(await api.editText('1001', id, 'three')).toBe('gone');
    expect(await api.deleteMessage('1001', id)).toBe(false);
    expect(emulator.botMessages(1001)[0]?.edits.map((e) => e.text)).toEqual(['two']);
  });

  it('splits a text longer than Telegram allows, at line ends, keeping the buttons for the last part', async () => {
    const { emulator, api } = await setUp();
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);
    await api.sendText('1001', lines.join('\n'), { inline_keyboard: [[{ text: 'OK', callback_data: '/help' }]] });
    const parts = emulator.visible(1001);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.text!.length <= 4096)).toBe(true);
    expect(parts.map((p) => p.text).join('\n')).toBe(lines.join('\n'));
    expect(parts.map((p) => p.buttons.length)).toEqual([...parts.slice(1).map(() => 0), 1]);
    expect(splitText('short')).toEqual(['short']);
  });
});
