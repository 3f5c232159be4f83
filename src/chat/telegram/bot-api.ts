import { TelegramError, type Telegram } from 'telegraf';
import type { BotCommand, InlineKeyboardMarkup } from 'telegraf/types';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.js';

/** Telegram's own limits on what a bot may send. */
export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

export type EditOutcome = 'edited' | 'unchanged' | 'gone';

const MAX_RATE_LIMIT_RETRIES = 5;

function isTelegramError(error: unknown, code?: number): error is TelegramError {
  return error instanceof TelegramError && (code === undefined || error.code === code);
}

/** "message is not modified": the edit asked for what is already shown. */
const notModified = (error: unknown) => isTelegramError(error, 400) && /not modified/i.test(error.description);
/** The message was deleted, is too old to edit, or the chat is gone. */
const gone = (error: unknown) => isTelegramError(error) && [400, 403].includes(error.code) && /not found|can't be edited|cannot be edited|blocked|kicked|chat not found/i.test(error.description);

export function splitText(text: string, limit = TEXT_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = rest.lastIndexOf('\n', limit);
    const at = cut > limit / 2 ? cut : limit;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest) parts.push(rest);
  return parts;
}

const clip = (text: string, limit: number) => (text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);

/**
 * The Bot API calls zapcast makes, through telegraf's client. A 429 answer is
 * honoured: every call waits out its retry_after (Telegram applies it to the
 * bot, so one wait holds all calls) and is then tried again.
 */
export class BotApi {
  private blockedUntil = 0;

  constructor(
    readonly telegram: Telegram,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly signal: AbortSignal,
  ) {}

  private async call<T>(method: string, request: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      while (this.clock.now() < this.blockedUntil) await this.clock.sleep(this.blockedUntil - this.clock.now(), this.signal);
      try {
        return await request();
      } catch (error) {
        if (!isTelegramError(error, 429) || attempt >= MAX_RATE_LIMIT_RETRIES) throw error;
        const seconds = error.parameters?.retry_after ?? 1;
        this.blockedUntil = Math.max(this.blockedUntil, this.clock.now() + seconds * 1000);
        this.logger.warn({ method, retryAfter: seconds }, 'Telegram asked to slow down; waiting');
      }
    }
  }

  /** Sends a text (split when longer than Telegram allows; buttons on the last part) and returns the last message id. */
  async sendText(chatId: string, text: string, markup?: InlineKeyboardMarkup): Promise<number> {
    const parts = splitText(text);
    let messageId = 0;
    for (const [index, part] of parts.entries()) {
      const extra = index === parts.length - 1 && markup ? { reply_markup: markup } : {};
      const sent = await this.call('sendMessage', () => this.telegram.sendMessage(chatId, part, extra));
      messageId = sent.message_id;
    }
    return messageId;
  }

  async editText(chatId: string, messageId: number, text: string, markup?: InlineKeyboardMarkup): Promise<EditOutcome> {
    try {
      await this.call('editMessageText', () =>
        this.telegram.editMessageText(chatId, messageId, undefined, clip(text, TEXT_LIMIT), { reply_markup: markup ?? { inline_keyboard: [] } }),
      );
      return 'edited';
    } catch (error) {
      if (notModified(error)) return 'unchanged';
      if (gone(error)) return 'gone';
      throw error;
    }
  }

  async removeButtons(chatId: string, messageId: number): Promise<void> {
    try {
      await this.call('editMessageReplyMarkup', () => this.telegram.editMessageReplyMarkup(chatId, messageId, undefined, { inline_keyboard: [] }));
    } catch (error) {
      if (!notModified(error) && !gone(error)) throw error;
    }
  }

  /** Deletes a message; false when it was already gone (deleted by someone, or too old). */
  async deleteMessage(chatId: string, messageId: number): Promise<boolean> {
    try {
      await this.call('deleteMessage', () => this.telegram.deleteMessage(chatId, messageId));
      return true;
    } catch (error) {
      if (isTelegramError(error, 400)) return false;
      throw error;
    }
  }

  async sendPhoto(chatId: string, png: Buffer, fileName: string, caption?: string): Promise<number> {
    const sent = await this.call('sendPhoto', () =>
      this.telegram.sendPhoto(chatId, { source: png, filename: fileName }, caption ? { caption: clip(caption, CAPTION_LIMIT) } : {}),
    );
    return sent.message_id;
  }

  async sendDocument(chatId: string, path: string, fileName: string, caption?: string): Promise<number> {
    const sent = await this.call('sendDocument', () =>
      this.telegram.sendDocument(chatId, { source: path, filename: fileName }, caption ? { caption: clip(caption, CAPTION_LIMIT) } : {}),
    );
    return sent.message_id;
  }

  async answerCallback(callbackQueryId: string, text?: string, alert = false): Promise<void> {
    await this.call('answerCallbackQuery', () =>
      this.telegram.answerCbQuery(callbackQueryId, text === undefined ? undefined : clip(text, 200), alert ? { show_alert: true } : {}),
    );
  }

  async setCommands(commands: BotCommand[]): Promise<void> {
    await this.call('setMyCommands', () => this.telegram.setMyCommands(commands));
  }

  /** Where to download a file a user sent. */
  async fileUrl(fileId: string): Promise<URL> {
    return this.call('getFile', () => this.telegram.getFileLink(fileId));
  }
}
