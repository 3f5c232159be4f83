import type {
  APIAttachment,
  APIChannel,
  APIGuildMember,
  APIInteractionGuildMember,
  APIMessage,
  APIRole,
  APIUser,
  GatewayGuildCreateDispatchData,
  GatewayReadyDispatchData,
} from 'discord.js';
import { Permission, type FakeChannel, type FakeMember, type FakeRole, type FakeState, type FakeUser, type StoredAttachment, type StoredMessage } from './state.js';

// Typed against discord-api-types (re-exported by discord.js) so that a field
// discord.js reads unconditionally cannot be forgotten: tsc reports it.

/** Flag enums have no zero member, yet Discord sends 0 for "no flags". */
const NO_FLAGS = 0 as never;

export function userJson(user: FakeUser): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
    banner: null,
    accent_color: null,
    public_flags: NO_FLAGS,
    flags: NO_FLAGS,
    avatar_decoration_data: null,
  };
}

export function roleJson(role: FakeRole): APIRole {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.managed,
    mentionable: false,
    flags: NO_FLAGS,
    ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
  };
}

/** A member's guild-wide permissions: @everyone plus their roles; owners and administrators get everything. */
export function memberPermissions(state: FakeState, member: FakeMember): bigint {
  if (member.user.id === state.guild.ownerId) return Permission.All;
  let permissions = state.roles.get(state.guild.id)?.permissions ?? 0n;
  for (const id of member.roleIds) permissions |= state.roles.get(id)?.permissions ?? 0n;
  return permissions & Permission.Administrator ? Permission.All : permissions;
}

export function memberJson(member: FakeMember): APIGuildMember {
  return {
    user: userJson(member.user),
    nick: null,
    avatar: null,
    banner: null,
    roles: [...member.roleIds],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: NO_FLAGS,
    pending: false,
    communication_disabled_until: null,
  };
}

export function interactionMemberJson(state: FakeState, member: FakeMember): APIInteractionGuildMember {
  return { ...memberJson(member), user: userJson(member.user), permissions: memberPermissions(state, member).toString() };
}

export function channelJson(state: FakeState, channel: FakeChannel): APIChannel {
  if (channel.type === 1) {
    const recipient = channel.recipientId ? state.users.get(channel.recipientId) : undefined;
    return { id: channel.id, type: 1, flags: NO_FLAGS, last_message_id: lastMessageId(state, channel.id), recipients: recipient ? [userJson(recipient)] : [], name: null };
  }
  const common = {
    id: channel.id,
    guild_id: channel.guildId ?? state.guild.id,
    name: channel.name ?? 'channel',
    position: channel.position,
    permission_overwrites: [],
    parent_id: channel.parentId,
    nsfw: false,
    flags: NO_FLAGS,
  };
  if (channel.type === 4) return { ...common, type: 4, parent_id: null };
  if (channel.type === 11) {
    return {
      ...common,
      type: 11,
      parent_id: channel.parentId ?? undefined,
      owner_id: state.bot.id,
      last_message_id: lastMessageId(state, channel.id),
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 1,
      thread_metadata: { archived: false, auto_archive_duration: 10080, archive_timestamp: new Date(0).toISOString(), locked: false },
    };
  }
  return { ...common, type: 0, topic: null, last_message_id: lastMessageId(state, channel.id), rate_limit_per_user: 0, default_auto_archive_duration: 1440 };
}

function lastMessageId(state: FakeState, channelId: string): string | null {
  return state.channelMessages(channelId).filter((m) => !m.deleted && !m.ephemeral).at(-1)?.id ?? null;
}

export function attachmentJson(attachment: StoredAttachment): APIAttachment {
  return {
    id: attachment.id,
    filename: attachment.filename,
    size: attachment.size,
    url: attachment.url,
    proxy_url: attachment.proxyUrl,
    content_type: attachment.contentType,
    ...(attachment.description === undefined ? {} : { description: attachment.description }),
    ...(attachment.width === undefined ? {} : { width: attachment.width, height: attachment.height ?? null }),
    ...(attachment.ephemeral ? { ephemeral: true } : {}),
    flags: NO_FLAGS,
  };
}

/** A message as REST answers it (no guild_id: Discord only adds that on gateway events). */
export function messageJson(state: FakeState, message: StoredMessage, interaction?: { id: string; type: 2 | 3; user: FakeUser; name?: string }): APIMessage {
  const json: APIMessage = {
    id: message.id,
    type: message.type,
    channel_id: message.channelId,
    author: userJson(state.bot),
    content: message.content,
    timestamp: message.timestamp,
    edited_timestamp: message.editedTimestamp,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: message.attachments.map(attachmentJson),
    embeds: message.embeds as APIMessage['embeds'],
    pinned: false,
    flags: message.flags,
    components: message.components as NonNullable<APIMessage['components']>,
    ...(message.nonce === null ? {} : { nonce: message.nonce }),
  };
  if (message.webhookId) Object.assign(json, { webhook_id: message.webhookId, application_id: state.applicationId });
  if (interaction) {
    Object.assign(json, {
      interaction_metadata: {
        id: interaction.id,
        type: interaction.type,
        user: userJson(interaction.user),
        authorizing_integration_owners: { 0: state.guild.id },
        ...(interaction.name ? { name: interaction.name } : {}),
      },
    });
  }
  return json;
}

export function guildCreateJson(state: FakeState): GatewayGuildCreateDispatchData {
  const botMember = state.members.get(state.bot.id);
  return {
    id: state.guild.id,
    name: state.guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: state.guild.ownerId,
    region: 'deprecated',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [...state.roles.values()].map(roleJson),
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: NO_FLAGS,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US' as GatewayGuildCreateDispatchData['preferred_locale'],
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: botMember?.joinedAt ?? new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: state.members.size,
    voice_states: [],
    // Without the GuildMembers intent Discord only sends the bot's own member.
    members: botMember ? [memberJson(botMember)] : [],
    channels: [...state.channels.values()].filter((c) => c.guildId === state.guild.id).map((c) => channelJson(state, c)) as GatewayGuildCreateDispatchData['channels'],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function readyJson(state: FakeState, sessionId: string, resumeUrl: string, applicationFlags: number): GatewayReadyDispatchData {
  return {
    v: 10,
    user: { ...userJson(state.bot), verified: true, mfa_enabled: false, email: null },
    guilds: [{ id: state.guild.id, unavailable: true }],
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    shard: [0, 1],
    application: { id: state.applicationId, flags: applicationFlags, flags_new: String(applicationFlags) },
  };
}

/** The answer to op 8 Request Guild Members: one chunk with the members asked for by id or name prefix. */
export function membersChunkJson(state: FakeState, request: Record<string, unknown>): unknown {
  const ids = Array.isArray(request.user_ids) ? request.user_ids.map(String) : typeof request.user_ids === 'string' ? [request.user_ids] : undefined;
  const query = typeof request.query === 'string' ? request.query.toLowerCase() : '';
  const members = [...state.members.values()].filter((m) => (ids ? ids.includes(m.user.id) : m.user.username.toLowerCase().startsWith(query)));
  const limit = Number(request.limit ?? 0);
  return {
    guild_id: state.guild.id,
    members: (limit > 0 ? members.slice(0, limit) : members).map(memberJson),
    chunk_index: 0,
    chunk_count: 1,
    ...(ids ? { not_found: ids.filter((id) => !state.members.has(id)) } : {}),
    ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
  };
}
