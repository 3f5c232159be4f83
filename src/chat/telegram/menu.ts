import type { BotCommand } from 'telegraf/types';
import type { CommandDefinition } from '../../core/command.js';

/** Telegram menu names: 1-32 lower-case letters, digits and underscores. */
const MENU_NAME = /^[a-z0-9_]{1,32}$/;
const DESCRIPTION_LIMIT = 256;

/** The "/" menu from the command definitions; commands Telegram cannot list are still typed as usual. */
export function menuCommands(definitions: readonly CommandDefinition[]): BotCommand[] {
  return definitions
    .filter((definition) => MENU_NAME.test(definition.name))
    .map((definition) => ({
      command: definition.name,
      description: definition.description.length <= DESCRIPTION_LIMIT ? definition.description : `${definition.description.slice(0, DESCRIPTION_LIMIT - 1)}…`,
    }));
}
