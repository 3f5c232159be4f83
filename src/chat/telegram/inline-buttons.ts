import { createHash } from 'node:crypto';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Button } from '../../core/command.js';

/** Telegram keeps at most 64 bytes of data on a button. */
const CALLBACK_DATA_LIMIT = 64;
const BUTTONS_PER_ROW = 3;
const TOKEN_PREFIX = 'k:';

/**
 * A button carries the command line its press runs. Lines that fit in
 * Telegram's 64 bytes travel on the button itself, so presses keep working
 * across restarts; longer ones travel as a token remembered here.
 */
export class InlineButtons {
  private readonly long = new Map<string, string>();

  encode(command: string): string {
    if (Buffer.byteLength(command, 'utf8') <= CALLBACK_DATA_LIMIT) return command;
    const token = `${TOKEN_PREFIX}${createHash('sha256').update(command).digest('base64url').slice(0, 20)}`;
    this.long.set(token, command);
    return token;
  }

  /** The command line a press runs, or undefined for data this process does not know. */
  decode(data: string): string | undefined {
    if (data.startsWith('/')) return data;
    return this.long.get(data);
  }

  keyboard(buttons: readonly Button[] | undefined): InlineKeyboardMarkup | undefined {
    if (!buttons || buttons.length === 0) return undefined;
    const rows: InlineKeyboardMarkup['inline_keyboard'] = [];
    buttons.forEach((button, index) => {
      if (index % BUTTONS_PER_ROW === 0) rows.push([]);
      rows[rows.length - 1]!.push({ text: button.label, callback_data: this.encode(button.command) });
    });
    return { inline_keyboard: rows };
  }
}
