import { createHash } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type APIApplicationCommandBasicOption,
} from 'discord.js';
import type { CommandDefinition, OptionDefinition, OptionType } from '../../core/command.js';
import { clipGraphemes } from '../../core/graphemes.js';

/** Discord's rules for command and option names. */
const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;
const DESCRIPTION_LIMIT = 100;
const CHOICES_LIMIT = 25;
const OPTIONS_LIMIT = 25;
/** The longest string option Discord accepts; /send's message gets all of it. */
export const LONGEST_STRING_OPTION = 6_000;

/** Options that name something zapcast keeps: Discord asks the bot for suggestions as the user types. */
export const AUTOCOMPLETED_OPTIONS = new Set(['campaign', 'list', 'schedule', 'session']);

export type DiscordCommand = RESTPostAPIChatInputApplicationCommandsJSONBody;

export class InvalidSlashCommandError extends Error {
  override name = 'InvalidSlashCommandError';
}

const OPTION_TYPES: Record<OptionType, ApplicationCommandOptionType.String | ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Boolean | ApplicationCommandOptionType.Attachment> = {
  string: ApplicationCommandOptionType.String,
  // Discord has no date type: a datetime is typed as text and parsed like everywhere else.
  datetime: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
  attachment: ApplicationCommandOptionType.Attachment,
};

function describe(text: string): string {
  return clipGraphemes(text, DESCRIPTION_LIMIT);
}

function checkName(name: string, where: string): void {
  if (!NAME.test(name)) throw new InvalidSlashCommandError(`${where} "${name}" is not a Discord name (1-32 lower-case letters, digits, - or _)`);
}

function optionOf(command: string, option: OptionDefinition): APIApplicationCommandBasicOption {
  checkName(option.name, `option of /${command}`);
  const type = OPTION_TYPES[option.type];
  const base = { name: option.name, description: describe(option.description), required: option.required === true };
  if (type === ApplicationCommandOptionType.Integer) {
    return { ...base, type, min_value: 1, ...(AUTOCOMPLETED_OPTIONS.has(option.name) ? { autocomplete: true } : {}) };
  }
  if (type === ApplicationCommandOptionType.String) {
    if (option.choices && option.choices.length > 0) {
      if (option.choices.length > CHOICES_LIMIT) throw new InvalidSlashCommandError(`option ${option.name} of /${command} has ${option.choices.length} choices; Discord takes ${CHOICES_LIMIT}`);
      return { ...base, type, choices: option.choices.map((choice) => ({ name: choice, value: choice })) };
    }
    return {
      ...base,
      type,
      ...(option.rest ? { max_length: LONGEST_STRING_OPTION } : {}),
      ...(AUTOCOMPLETED_OPTIONS.has(option.name) ? { autocomplete: true } : {}),
    };
  }
  return { ...base, type };
}

/**
 * One command definition as a Discord slash command: typed options (required
 * ones first, as Discord demands), for server members who may manage the
 * server, usable in servers only. zapcast's own operator check still applies.
 */
export function slashCommandOf(definition: CommandDefinition): DiscordCommand {
  checkName(definition.name, 'command');
  if (definition.options.length > OPTIONS_LIMIT) throw new InvalidSlashCommandError(`/${definition.name} has ${definition.options.length} options; Discord takes ${OPTIONS_LIMIT}`);
  const options = definition.options.map((option) => optionOf(definition.name, option));
  const ordered = [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
  return {
    type: ApplicationCommandType.ChatInput,
    name: definition.name,
    description: describe(definition.description),
    options: ordered,
    default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

export function slashCommands(definitions: readonly CommandDefinition[]): DiscordCommand[] {
  return definitions.map(slashCommandOf);
}

/** Identifies a registration: the same commands for the same application and place hash the same. */
export function registrationHash(commands: readonly DiscordCommand[], applicationId: string, guildId: string | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify({ applicationId, guildId: guildId ?? null, commands }))
    .digest('hex');
}
