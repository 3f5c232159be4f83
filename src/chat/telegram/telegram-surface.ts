import type { Button } from '../../core/command.js';
import type { ChatSurface, EditOutcome } from '../chat-surface.js';
import type { BotApi } from './bot-api.js';
import type { InlineButtons } from './inline-buttons.js';

/** The shared chat views' calls, made with the Bot API (message ids are numbers there). */
export class TelegramSurface implements ChatSurface {
  constructor(
    private readonly api: BotApi,
    private readonly buttons: InlineButtons,
  ) {}

  async sendText(chatId: string, text: string, buttons?: readonly Button[]): Promise<string> {
    return String(await this.api.sendText(chatId, text, this.buttons.keyboard(buttons)));
  }

  editText(chatId: string, messageId: string, text: string, buttons?: readonly Button[]): Promise<EditOutcome> {
    return this.api.editText(chatId, Number(messageId), text, this.buttons.keyboard(buttons));
  }

  removeButtons(chatId: string, messageId: string): Promise<void> {
    return this.api.removeButtons(chatId, Number(messageId));
  }

  deleteMessage(chatId: string, messageId: string): Promise<boolean> {
    return this.api.deleteMessage(chatId, Number(messageId));
  }

  async sendImage(chatId: string, png: Buffer, fileName: string, caption?: string): Promise<string> {
    return String(await this.api.sendPhoto(chatId, png, fileName, caption));
  }

  /** The new photo goes out before the old one is deleted, so the chat always shows a code. */
  async replaceImage(chatId: string, messageId: string, png: Buffer, fileName: string, caption?: string): Promise<string> {
    const sent = await this.sendImage(chatId, png, fileName, caption);
    await this.deleteMessage(chatId, messageId);
    return sent;
  }

  async replaceWithText(chatId: string, messageId: string, text: string): Promise<void> {
    await this.deleteMessage(chatId, messageId);
    await this.api.sendText(chatId, text);
  }
}
