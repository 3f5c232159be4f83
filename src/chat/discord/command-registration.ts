import { Routes, type REST } from 'discord.js';
import type { Logger } from 'pino';
import type { AppStateRepo } from '../../db/repos/app-state-repo.js';
import { registrationHash, type DiscordCommand } from './slash-commands.js';

const stateKey = (applicationId: string, guildId: string | undefined) => `discord.commands.${applicationId}.${guildId ?? 'global'}`;

export type RegistrationOutcome = 'registered' | 'unchanged';

/**
 * Registers the slash commands with one bulk overwrite, in a server (effective
 * at once) or globally. Discord limits command creations per day, so a set
 * identical to the last one registered for this application and place is not
 * sent again; the hash is kept in SQLite across restarts.
 */
export async function registerCommands(deps: {
  rest: REST;
  applicationId: string;
  guildId: string | undefined;
  commands: readonly DiscordCommand[];
  appState: AppStateRepo;
  now: number;
  logger: Logger;
}): Promise<RegistrationOutcome> {
  const { rest, applicationId, guildId, commands, appState, logger } = deps;
  const hash = registrationHash(commands, applicationId, guildId);
  const key = stateKey(applicationId, guildId);
  if (appState.get(key) === hash) {
    logger.debug({ guildId }, 'Discord commands unchanged since their last registration');
    return 'unchanged';
  }
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  await rest.put(route, { body: commands });
  appState.set(key, hash, deps.now);
  logger.info({ guildId: guildId ?? 'global', commands: commands.length }, 'Discord commands registered');
  return 'registered';
}
