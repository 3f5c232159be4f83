import { Permission, type FakeState } from './state.js';

export const BASIC_PERMISSIONS = Permission.ViewChannel | Permission.SendMessages | Permission.ReadMessageHistory | Permission.UseApplicationCommands;

export interface SeededGuild {
  roles: { everyone: string; bot: string; operators: string; admins: string };
  /** #ops */
  channelId: string;
  generalChannelId: string;
}

/**
 * The guild every test starts with: @everyone, the bot's managed role,
 * Operators and Admins (Administrator); the bot and the owner as members;
 * #ops and #general under a category.
 */
export function seedGuild(state: FakeState, ownerInput: { id: string; username: string; globalName: string }): SeededGuild {
  const guildId = state.guild.id;
  const role = (name: string, permissions: bigint, extra: { id?: string; botId?: string } = {}) =>
    state.addRole({ name, permissions, managed: extra.botId !== undefined, botId: extra.botId ?? null, ...(extra.id ? { id: extra.id } : {}) }).id;
  const roles = {
    // @everyone's id is the guild's id, as on Discord.
    everyone: role('@everyone', BASIC_PERMISSIONS, { id: guildId }),
    bot: role(state.bot.username, BASIC_PERMISSIONS | Permission.EmbedLinks | Permission.AttachFiles, { botId: state.bot.id }),
    operators: role('Operators', BASIC_PERMISSIONS | Permission.EmbedLinks | Permission.AttachFiles),
    admins: role('Admins', Permission.Administrator),
  };
  state.addMember(state.bot, [roles.bot]);
  state.addMember(ownerInput);
  const category = state.addChannel({ type: 4, name: 'Text Channels', guildId, parentId: null, position: 0, recipientId: null });
  const text = (name: string, position: number) => state.addChannel({ type: 0, name, guildId, parentId: category.id, position, recipientId: null }).id;
  return { roles, channelId: text('ops', 0), generalChannelId: text('general', 1) };
}

/** The *_LIMITED application flags telling which privileged intents the developer portal switched on. */
export function applicationFlagsFor(allowedPrivilegedIntents: number): number {
  const guildMembers = allowedPrivilegedIntents & (1 << 1) ? 1 << 15 : 0;
  const presences = allowedPrivilegedIntents & (1 << 8) ? 1 << 13 : 0;
  const messageContent = allowedPrivilegedIntents & (1 << 15) ? 1 << 19 : 0;
  return guildMembers | presences | messageContent;
}
