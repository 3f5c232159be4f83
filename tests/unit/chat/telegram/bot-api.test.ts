import { Telegram } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { BotApi } from '../../../../src/chat/telegram/bot-api.js';
import type { ChatBudgets } from '../../../../src/chat/telegram/chat-rate-limits.js';
import { silentLogger } from '../../../../src/core/logger.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { BotApiEmulator } from '../../../support/telegram/bot-api-emulator.js';

let emulator: BotApiEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function setUp(budgets?: ChatBudgets) {
  emulator = await BotApiEmulator.start();
  const clock = new FakeClock();
  const api = new BotApi(new Telegram(emulator.token, { apiRoot: emulator.url }), clock, silentLogger(), new AbortController().signal, budgets);
  return { emulator, clock, api };
}

const chatsOf = (e: BotApiEmulator, method: string) => e.callsOf(method).map((c) => `${String(c.params.chat_id)}:${c.status}`);

describe('the Bot API client', () => {
  it('waits out a 429 for its retry_after on the request and chat that got it, never holding other chats', async () => {
    const { emulator, clock, api } = await setUp();
    emulator.failNext('sendMessage', 7);
    const first = api.sendText('1001', 'hello');
    await emulator.waitFor(() => emulator.callsOf('sendMessage').length === 1 && clock.pendingTimers() > 0, 'the wait to begin');
    await api.sendText('1002', 'other chat');
    const sameChat = api.sendText('1001', 'after the wait');
    await clock.advance(6_999);
    expect(chatsOf(emulator, 'sendMessage')).toEqual(['1001:429', '1002:200']);
    await clock.advance(1);
    await Promise.all([first, sameChat]);
    expect(chatsOf(emulator, 'sendMessage')).toEqual(['1001:429', '1002:200', '1001:200', '1001:200']);
    expect(emulator.visible(1001).map((m) => m.text)).toEqual(['hello', 'after the wait']);
  });

  it("keeps each chat's edits within its budget, counting posts but never delaying them", async () => {
    const { emulator, clock, api } = await setUp({ group: { limit: 3, windowMs: 10_000 }, private: { limit: 100, windowMs: 10_000 } });
    const id = await api.sendText('-500', 'progress 0');
    await clock.advance(1_000);
    expect(await api.editText('-500', id, 'progress 1')).toBe('edited');
    expect(await api.editText('-500', id, 'progress 2')).toBe('edited');
    const third = api.editText('-500', id, 'progress 3');
    await emulator.waitFor(() => clock.pendingTimers() > 0, 'the edit to wait for the budget');
    // A post is never made to wait, and another chat has its own budget.
    await api.sendText('-500', 'an answer to a command');
    await api.editText('-600', await api.sendText('-600', 'other group'), 'edited at once');
    expect(emulator.callsOf('editMessageText').map((c) => c.params.text)).toEqual(['progress 1', 'progress 2', 'edited at once']);
    await clock.advance(8_999);
    expect(emulator.callsOf('editMessageText')).toHaveLength(3);
    // The answer took the slot the first post freed: the edit waits for the next one.
    await clock.advance(1);
    expect(emulator.callsOf('editMessageText')).toHaveLength(3);
    await clock.advance(1_000);
    expect(await third).toBe('edited');
    expect(emulator.visible(-500).map((m) => m.text)).toEqual(['progress 3', 'an answer to a command']);
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
  });
});
