import type { Telegram } from 'telegraf';
import type { BotCommand, BotCommandScope, InlineKeyboardMarkup, ReplyParameters } from 'telegraf/types';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.js';
import { clipToUnits, splitToUnits } from '../../core/text-clip.js';
import { parseAddress } from './chat-address.js';
import { ChatRateLimits, type ChatBudgets, type ChatRequestKind } from './chat-rate-limits.js';
import { gone, isTelegramError, notModified, retryAfterSeconds } from './telegram-errors.js';

/** Telegram's own limits on what a bot may send. */
export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
const CALLBACK_ANSWER_LIMIT = 200;

export type EditOutcome = 'edited' | 'unchanged' | 'gone';

/** How a new message sits in its chat: answering the message that asked for it. */
export interface PostOptions {
  replyTo?: number | undefined;
}

const MAX_RATE_LIMIT_RETRIES = 5;

/**
 * The Bot API calls zapcast makes, through telegraf's client. Chats are
 * addressed as in chat-address.ts (a forum topic rides along). Text is split
 * and clipped on whole characters. A 429 is honoured for the request that got
 * it and the chat it was for, never for the other chats; edits are budgeted
 * per chat (see ChatRateLimits).
 */
export class BotApi {
  private readonly limits: ChatRateLimits;

  constructor(
    readonly telegram: Telegram,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly signal: AbortSignal,
    budgets?: ChatBudgets,
  ) {
    this.limits = new ChatRateLimits(clock, signal, budgets);
  }

  /** Runs a request, waiting out 429s: `chatId` is the chat it writes to, if any (only that chat is held). */
  private async call<T>(method: string, chat: { id: string; kind: ChatRequestKind } | undefined, request: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (chat) await this.limits.acquire(chat.id, chat.kind);
      try {
        return await request();
      } catch (error) {
        const seconds = retryAfterSeconds(error);
        if (seconds === undefined || attempt >= MAX_RATE_LIMIT_RETRIES) throw error;
        this.logger.warn({ method, chatId: chat?.id, retryAfter: seconds }, 'Telegram asked to slow down; waiting before trying this request again');
        if (chat) this.limits.hold(chat.id, seconds * 1000);
        else await this.clock.sleep(seconds * 1000, this.signal);
      }
    }
  }

  private static where(address: string, options: PostOptions = {}): { chatId: string; extra: { message_thread_id?: number; reply_parameters?: ReplyParameters } } {
    const { chatId, threadId } = parseAddress(address);
    return {
      chatId,
      extra: {
        ...(threadId === undefined ? {} : { message_thread_id: threadId }),
        // Sent even if the asking message was deleted meanwhile.
        ...(options.replyTo === undefined ? {} : { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }),
      },
    };
  }

  /** Opens a topic in a forum supergroup and returns its message_thread_id; fails in a chat that is not a forum. */
  async createTopic(chatId: string, name: string): Promise<number> {
    const topic = await this.call('createForumTopic', { id: chatId, kind: 'post' }, () => this.telegram.createForumTopic(chatId, name.slice(0, 128)));
    return topic.message_thread_id;
  }

  /** Sends a text (split when longer than Telegram allows; the first part answers `replyTo`, buttons on the last) and returns the last message id. */
  async sendText(address: string, text: string, markup?: InlineKeyboardMarkup, options: PostOptions = {}): Promise<number> {
    const parts = splitToUnits(text, TEXT_LIMIT);
    let messageId = 0;
    for (const [index, part] of parts.entries()) {
      const { chatId, extra } = BotApi.where(address, index === 0 ? options : {});
      const buttons = index === parts.length - 1 && markup ? { reply_markup: markup } : {};
      const sent = await this.call('sendMessage', { id: chatId, kind: 'post' }, () => this.telegram.sendMessage(chatId, part, { ...extra, ...buttons }));
      messageId = sent.message_id;
    }
    return messageId;
  }

  async editText(address: string, messageId: number, text: string, markup?: InlineKeyboardMarkup): Promise<EditOutcome> {
    const { chatId } = parseAddress(address);
    try {
      await this.call('editMessageText', { id: chatId, kind: 'edit' }, () =>
        this.telegram.editMessageText(chatId, messageId, undefined, clipToUnits(text, TEXT_LIMIT), { reply_markup: markup ?? { inline_keyboard: [] } }),
      );
      return 'edited';
    } catch (error) {
      if (notModified(error)) return 'unchanged';
      if (gone(error)) return 'gone';
      throw error;
    }
  }

  async removeButtons(address: string, messageId: number): Promise<void> {
    const { chatId } = parseAddress(address);
    try {
      await this.call('editMessageReplyMarkup', { id: chatId, kind: 'post' }, () => this.telegram.editMessageReplyMarkup(chatId, messageId, undefined, { inline_keyboard: [] }));
    } catch (error) {
      if (!notModified(error) && !gone(error)) throw error;
    }
  }

  /** Deletes a message; false when it was already gone (deleted by someone, or too old). */
  async deleteMessage(address: string, messageId: number): Promise<boolean> {
    const { chatId } = parseAddress(address);
    try {
      await this.call('deleteMessage', { id: chatId, kind: 'other' }, () => this.telegram.deleteMessage(chatId, messageId));
      return true;
    } catch (error) {
      if (isTelegramError(error, 400)) return false;
      throw error;
    }
  }

  async sendPhoto(address: string, png: Buffer, fileName: string, caption?: string, options: PostOptions = {}): Promise<number> {
    const { chatId, extra } = BotApi.where(address, options);
    const sent = await this.call('sendPhoto', { id: chatId, kind: 'post' }, () =>
      this.telegram.sendPhoto(chatId, { source: png, filename: fileName }, { ...extra, ...(caption ? { caption: clipToUnits(caption, CAPTION_LIMIT) } : {}) }),
    );
    return sent.message_id;
  }

  async sendDocument(address: string, path: string, fileName: string, caption?: string, options: PostOptions = {}): Promise<number> {
    const { chatId, extra } = BotApi.where(address, options);
    const sent = await this.call('sendDocument', { id: chatId, kind: 'post' }, () =>
      this.telegram.sendDocument(chatId, { source: path, filename: fileName }, { ...extra, ...(caption ? { caption: clipToUnits(caption, CAPTION_LIMIT) } : {}) }),
    );
    return sent.message_id;
  }

  /** Answers a button press; `text` shows on the button as a toast, or as an alert to dismiss. */
  async answerCallback(callbackQueryId: string, text?: string, alert = false): Promise<void> {
    await this.call('answerCallbackQuery', undefined, () =>
      this.telegram.answerCbQuery(callbackQueryId, text === undefined ? undefined : clipToUnits(text, CALLBACK_ANSWER_LIMIT), alert ? { show_alert: true } : {}),
    );
  }

  async setCommands(commands: BotCommand[], scope?: BotCommandScope): Promise<void> {
    await this.call('setMyCommands', undefined, () => this.telegram.setMyCommands(commands, scope ? { scope } : {}));
  }

  async deleteCommands(scope?: BotCommandScope): Promise<void> {
    await this.call('deleteMyCommands', undefined, () => this.telegram.deleteMyCommands(scope ? { scope } : {}));
  }

  /** Where to download a file a user sent. */
  async fileUrl(fileId: string): Promise<URL> {
    return this.call('getFile', undefined, () => this.telegram.getFileLink(fileId));
  }
}
