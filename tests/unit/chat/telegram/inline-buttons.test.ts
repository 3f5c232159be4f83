import { describe, expect, it } from 'vitest';
import { InlineButtons } from '../../../../src/chat/telegram/inline-buttons.js';
import { menuCommands } from '../../../../src/chat/telegram/menu.js';
import { COMMANDS } from '../../../../commands/index.js';

describe('inline buttons', () => {
  it('carry short command lines on the button itself', () => {
    const buttons = new InlineButtons();
    const keyboard = buttons.keyboard([
      { label: 'Pause', command: '/pause 7' },
      { label: 'Stop', command: '/stop 7', style: 'danger' },
    ]);
    expect(keyboard).toEqual({ inline_keyboard: [[{ text: 'Pause', callback_data: '/pause 7' }, { text: 'Stop', callback_data: '/stop 7' }]] });
    expect(new InlineButtons().decode('/pause 7')).toBe('/pause 7');
  });

  it('fit longer command lines into 64 bytes with a token this process remembers', () => {
    const buttons = new InlineButtons();
    const long = `/breaker slow-down ${'very-long-session-name-'.repeat(4)}`;
    const data = buttons.encode(long);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(buttons.decode(data)).toBe(long);
    expect(new InlineButtons().decode(data)).toBeUndefined();
  });

  it('put at most three buttons on a row and none when there are none', () => {
    const buttons = new InlineButtons();
    const keyboard = buttons.keyboard(['a', 'b', 'c', 'd'].map((label) => ({ label, command: `/${label}` })));
    expect(keyboard?.inline_keyboard.map((row) => row.length)).toEqual([3, 1]);
    expect(buttons.keyboard([])).toBeUndefined();
  });
});

describe('the Telegram command menu', () => {
  it('lists every command of the registry Telegram can show, with its description', () => {
    const menu = menuCommands(COMMANDS);
    expect(menu.map((c) => c.command)).toEqual(COMMANDS.filter((c) => /^[a-z0-9_]+$/.test(c.name)).map((c) => c.name));
    expect(menu.find((c) => c.command === 'qr')?.description).toContain('QR');
    expect(menuCommands([{ name: 'bad-name', description: 'x', options: [], run: async () => [] }])).toEqual([]);
  });
});
