import Database from 'better-sqlite3';
import type { REST } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../commands/index.js';
import { registerCommands } from '../../../../src/chat/discord/command-registration.js';
import { slashCommands } from '../../../../src/chat/discord/slash-commands.js';
import { silentLogger } from '../../../../src/core/logger.js';
import { migrate } from '../../../../src/db/migrate.js';
import { AppStateRepo } from '../../../../src/db/repos/app-state-repo.js';
import { tempDir } from '../../../support/temp-dir.js';

/** A stand-in for discord.js's REST client that records the bulk overwrites it is asked for. */
function recordingRest() {
  const puts: { route: string; body: unknown }[] = [];
  const rest = { put: async (route: string, options: { body: unknown }) => void puts.push({ route, body: options.body }) } as unknown as REST;
  return { rest, puts };
}

function appState() {
  const db = new Database(`${tempDir()}/state.db`);
  migrate(db);
  return new AppStateRepo(db);
}

describe('registering the slash commands', () => {
  const commands = slashCommands(COMMANDS);
  const base = { applicationId: '100000000000000001', commands, now: 0, logger: silentLogger() };

  it('puts every command in the server at once, and skips an unchanged set the next time', async () => {
    const state = appState();
    const { rest, puts } = recordingRest();
    expect(await registerCommands({ ...base, rest, guildId: '200000000000000002', appState: state })).toBe('registered');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.route).toBe('/applications/100000000000000001/guilds/200000000000000002/commands');
    expect(puts[0]!.body).toEqual(commands);
    expect(await registerCommands({ ...base, rest, guildId: '200000000000000002', appState: state })).toBe('unchanged');
    expect(puts).toHaveLength(1);
  });

  it('registers again when the commands change or the place does', async () => {
    const state = appState();
    const { rest, puts } = recordingRest();
    await registerCommands({ ...base, rest, guildId: '200000000000000002', appState: state });
    await registerCommands({ ...base, commands: commands.slice(1), rest, guildId: '200000000000000002', appState: state });
    await registerCommands({ ...base, rest, guildId: undefined, appState: state });
    expect(puts.map((p) => p.route)).toEqual([
      '/applications/100000000000000001/guilds/200000000000000002/commands',
      '/applications/100000000000000001/guilds/200000000000000002/commands',
      '/applications/100000000000000001/commands',
    ]);
  });

  it('remembers nothing when Discord refuses the registration, so the next start tries again', async () => {
    const state = appState();
    const failing = { put: async () => Promise.reject(new Error('503')) } as unknown as REST;
    await expect(registerCommands({ ...base, rest: failing, guildId: undefined, appState: state })).rejects.toThrow('503');
    const { rest, puts } = recordingRest();
    expect(await registerCommands({ ...base, rest, guildId: undefined, appState: state })).toBe('registered');
    expect(puts).toHaveLength(1);
  });
});
