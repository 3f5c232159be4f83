import { overwriteCommands, storedCommand, validateCommands } from './commands.js';
import { DiscordErrors, discordError, formError, type Answer } from './errors.js';
import type { InteractionRecord } from './interaction-record.js';
import { createMessage, editMessage, isAnswer } from './messages.js';
import { channelJson, guildCreateJson, memberJson, roleJson, userJson } from './payloads.js';
import type { RestRequest, Route } from './rest-server.js';
import type { FakeState, StoredMessage } from './state.js';

type Json = Record<string, unknown>;

export interface RouteContext {
  state: FakeState;
  gatewayUrl(): string;
  applicationFlags: number;
  /** A message as REST answers it, with interaction_metadata for interaction responses. */
  render(message: StoredMessage): unknown;
  interactions: Map<string, InteractionRecord>;
  /** Initial responses later than this fail with 10062, as on Discord (3 s); undefined: no deadline. */
  ackDeadlineMs: number | undefined;
}

/** `/channels/{id}` -> a route whose handler gets the placeholders in order. */
export function route(method: string, template: string, auth: boolean, handle: (req: RestRequest, params: string[]) => Answer): Route {
  const pattern = new RegExp(`^${template.replace(/[.@]/g, '\\$&').replace(/\{\w+\}/g, '([^/]+)')}$`);
  return { method, pattern, auth, handle };
}

export const ok = (body: unknown): Answer => ({ status: 200, body });
export const noContent = (): Answer => ({ status: 204 });
const missingAccess = () => discordError(403, 50001, 'Missing Access');

export function coreRoutes(ctx: RouteContext): Route[] {
  const { state } = ctx;
  const application = () => ({
    id: state.applicationId,
    name: state.bot.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot: userJson(state.bot),
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: 'f'.repeat(64),
    flags: ctx.applicationFlags,
    owner: userJson(state.users.get(state.guild.ownerId)!),
    team: null,
    approximate_guild_count: 1,
    redirect_uris: [],
    interactions_endpoint_url: null,
    tags: [],
  });
  const commandScope = (params: string[]): string | Answer => {
    if (params[0] !== state.applicationId && params[0] !== '@me') return missingAccess();
    if (params[1] !== undefined && params[1] !== state.guild.id) return missingAccess();
    return params[1] ?? 'global';
  };
  const listCommands = (scope: string) => [...(state.commands.get(scope)?.values() ?? [])];
  const channelOf = (id: string | undefined) => (id === undefined ? undefined : state.channels.get(id));
  const visibleMessage = (channelId: string | undefined, messageId: string | undefined) => {
    const message = messageId === undefined ? undefined : state.messages.get(messageId);
    // Ephemeral messages belong to the interaction webhook, never to the channel.
    return message && message.channelId === channelId && !message.deleted && !message.ephemeral ? message : undefined;
  };

  const bulkOverwrite = (req: RestRequest, params: string[]): Answer => {
    const scope = commandScope(params);
    if (typeof scope !== 'string') return scope;
    const body = req.json as unknown;
    const invalid = validateCommands(body);
    if (invalid) return invalid;
    const commands = overwriteCommands(state, scope, body as Json[]);
    state.commandPuts.push({ at: Date.now(), guildId: scope === 'global' ? null : scope, body, commands });
    return ok(commands);
  };
  const createCommand = (req: RestRequest, params: string[]): Answer => {
    const scope = commandScope(params);
    if (typeof scope !== 'string') return scope;
    const invalid = validateCommands([req.json]);
    if (invalid) return invalid;
    const commands = state.commands.get(scope) ?? new Map<string, Json>();
    const key = `${String(req.json.type ?? 1)}:${String(req.json.name)}`;
    const existed = commands.get(key);
    const command = storedCommand(state, scope, req.json, existed);
    commands.set(key, command);
    state.commands.set(scope, commands);
    return { status: existed ? 200 : 201, body: command };
  };
  const deleteCommand = (params: string[]): Answer => {
    const scope = commandScope(params);
    if (typeof scope !== 'string') return scope;
    const commands = state.commands.get(scope);
    const entry = [...(commands?.entries() ?? [])].find(([, c]) => c.id === params.at(-1));
    if (!entry) return DiscordErrors.unknownCommand();
    commands!.delete(entry[0]);
    return noContent();
  };

  return [
    route('GET', '/gateway', false, () => ok({ url: ctx.gatewayUrl() })),
    route('GET', '/gateway/bot', true, () =>
      ok({ url: ctx.gatewayUrl(), shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } }),
    ),
    route('GET', '/users/@me', true, () => ok({ ...userJson(state.bot), verified: true, mfa_enabled: false, email: null, locale: 'en-US' })),
    route('GET', '/users/{user}', true, (_req, [id]) => {
      const user = state.users.get(id!);
      return user ? ok(userJson(user)) : DiscordErrors.unknownUser();
    }),
    route('GET', '/applications/@me', true, () => ok(application())),
    route('GET', '/applications/{app}/commands', true, (_req, params) => {
      const scope = commandScope(params);
      return typeof scope === 'string' ? ok(listCommands(scope)) : scope;
    }),
    route('PUT', '/applications/{app}/commands', true, bulkOverwrite),
    route('POST', '/applications/{app}/commands', true, createCommand),
    route('DELETE', '/applications/{app}/commands/{command}', true, (_req, [app, command]) => deleteCommand([app!, command!])),
    route('GET', '/applications/{app}/guilds/{guild}/commands', true, (_req, params) => {
      const scope = commandScope(params);
      return typeof scope === 'string' ? ok(listCommands(scope)) : scope;
    }),
    route('PUT', '/applications/{app}/guilds/{guild}/commands', true, bulkOverwrite),
    route('POST', '/applications/{app}/guilds/{guild}/commands', true, createCommand),
    route('DELETE', '/applications/{app}/guilds/{guild}/commands/{command}', true, (_req, params) => deleteCommand(params)),
    route('GET', '/guilds/{guild}', true, (_req, [id]) => {
      if (id !== state.guild.id) return missingAccess();
      const { members: _members, channels: _channels, presences: _p, voice_states: _v, threads: _t, ...guild } = guildCreateJson(state);
      return ok(guild);
    }),
    route('GET', '/guilds/{guild}/roles', true, (_req, [id]) => (id === state.guild.id ? ok([...state.roles.values()].map(roleJson)) : missingAccess())),
    route('GET', '/guilds/{guild}/channels', true, (_req, [id]) =>
      id === state.guild.id ? ok([...state.channels.values()].filter((c) => c.guildId === id).map((c) => channelJson(state, c))) : missingAccess(),
    ),
    route('GET', '/guilds/{guild}/members/{user}', true, (_req, [guild, user]) => {
      if (guild !== state.guild.id) return missingAccess();
      const member = state.members.get(user!);
      return member ? ok(memberJson(member)) : DiscordErrors.unknownMember();
    }),
    route('POST', '/users/@me/channels', true, (req) => {
      const recipient = state.users.get(String(req.json.recipient_id));
      if (!recipient || recipient.bot) return DiscordErrors.invalidRecipients();
      if (state.dmRefusals.get(recipient.id) === 'open') return DiscordErrors.cannotMessageUser();
      return ok(channelJson(state, state.dmChannel(recipient.id)));
    }),
    route('GET', '/channels/{channel}', true, (_req, [id]) => {
      const channel = channelOf(id);
      return channel ? ok(channelJson(state, channel)) : DiscordErrors.unknownChannel();
    }),
    route('GET', '/channels/{channel}/messages', true, (req, [id]) => {
      if (!channelOf(id)) return DiscordErrors.unknownChannel();
      const limit = Math.min(100, Number(req.query.get('limit') ?? 50));
      const visible = state.channelMessages(id!).filter((m) => !m.deleted && !m.ephemeral);
      return ok(visible.reverse().slice(0, limit).map(ctx.render));
    }),
    route('POST', '/channels/{channel}/messages', true, (req, [id]) => {
      const channel = channelOf(id);
      if (!channel) return DiscordErrors.unknownChannel();
      // A user who blocks DMs from server members: the DM channel exists, sending fails.
      if (channel.recipientId && state.dmRefusals.has(channel.recipientId)) return DiscordErrors.cannotMessageUser();
      const result = createMessage(state, channel.id, req, { type: 0, webhookId: null, interactionId: null, allowEphemeral: false });
      return isAnswer(result) ? result : ok(ctx.render(result));
    }),
    route('POST', '/channels/{channel}/threads', true, (req, [id]) => {
      const parent = channelOf(id);
      if (!parent) return DiscordErrors.unknownChannel();
      if (parent.type !== 0 || Number(req.json.type ?? 11) !== 11) return formError([{ path: ['type'], code: 'BASE_TYPE_CHOICES', message: 'Value must be one of {11}.' }]);
      const name = String(req.json.name ?? '');
      if (name.length < 1 || name.length > 100) return formError([{ path: ['name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }]);
      const thread = state.addChannel({ type: 11, name, guildId: parent.guildId, parentId: parent.id, position: 0, recipientId: null });
      return ok(channelJson(state, thread));
    }),
    route('GET', '/channels/{channel}/messages/{message}', true, (_req, [channelId, messageId]) => {
      if (!channelOf(channelId)) return DiscordErrors.unknownChannel();
      const message = visibleMessage(channelId, messageId);
      return message ? ok(ctx.render(message)) : DiscordErrors.unknownMessage();
    }),
    route('PATCH', '/channels/{channel}/messages/{message}', true, (req, [channelId, messageId]) => {
      if (!channelOf(channelId)) return DiscordErrors.unknownChannel();
      const message = visibleMessage(channelId, messageId);
      if (!message) return DiscordErrors.unknownMessage();
      return editMessage(state, message, req) ?? ok(ctx.render(message));
    }),
    route('DELETE', '/channels/{channel}/messages/{message}', true, (_req, [channelId, messageId]) => {
      if (!channelOf(channelId)) return DiscordErrors.unknownChannel();
      const message = visibleMessage(channelId, messageId);
      if (!message) return DiscordErrors.unknownMessage();
      message.deleted = true;
      return noContent();
    }),
  ];
}
