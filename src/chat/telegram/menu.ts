import type { Logger } from 'pino';
import type { BotCommand } from 'telegraf/types';
import type { CommandDefinition } from '../../core/command.js';
import { clipToUnits } from '../../core/text-clip.js';
import type { BotApi } from './bot-api.js';

/** Telegram menu names: 1-32 lower-case letters, digits and underscores. */
const MENU_NAME = /^[a-z0-9_]{1,32}$/;
const DESCRIPTION_LIMIT = 256;

/** The "/" menu from the command definitions; commands Telegram cannot list are still typed as usual. */
export function menuCommands(definitions: readonly CommandDefinition[]): BotCommand[] {
  return definitions
    .filter((definition) => MENU_NAME.test(definition.name))
    .map((definition) => ({
      command: definition.name,
      description: clipToUnits(definition.description, DESCRIPTION_LIMIT),
    }));
}

/**
 * The "/" menu shows zapcast's commands only where they are obeyed: in each
 * operator's private chat and in the allowlisted groups (Telegram's per-chat
 * scopes). The default scope is cleared, so strangers see no menu. Telegram
 * refuses a private chat's scope until that person has opened a chat with the
 * bot; such a chat gets its menu when its operator first writes.
 */
export class ChatMenus {
  private readonly pending = new Set<string>();

  constructor(
    private readonly deps: {
      api: BotApi;
      commands: readonly BotCommand[];
      chats: () => string[];
      logger: Logger;
    },
  ) {}

  async publish(): Promise<void> {
    const { api, logger } = this.deps;
    await api.deleteCommands().catch((error: unknown) => logger.warn({ err: error }, 'the default Telegram command menu was not cleared'));
    for (const chatId of this.deps.chats()) await this.publishIn(chatId);
  }

  /** A chat whose menu Telegram refused before (its operator had not opened it yet): try again now. */
  async ensure(chatId: string): Promise<void> {
    if (this.pending.has(chatId)) await this.publishIn(chatId);
  }

  private async publishIn(chatId: string): Promise<void> {
    try {
      await this.deps.api.setCommands([...this.deps.commands], { type: 'chat', chat_id: Number(chatId) });
      this.pending.delete(chatId);
    } catch (error) {
      this.pending.add(chatId);
      this.deps.logger.info({ err: error, chatId }, 'the command menu for this chat waits until the chat is opened with the bot');
    }
  }
}
