import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gateway, PRIVILEGED_INTENTS } from './gateway.js';
import { applicationFlagsFor, BASIC_PERMISSIONS, seedGuild } from './guild-setup.js';
import type { InteractionRecord } from './interaction-record.js';
import { interactionRoutes } from './interaction-routes.js';
import { guildCreateJson, membersChunkJson, messageJson, readyJson } from './payloads.js';
import { isApiPath, rateLimitFailure, RestServer, type Failure } from './rest-server.js';
import { coreRoutes, type RouteContext } from './rest-routes.js';
import { FakeState, snowflake, type FakeChannel, type FakeMember, type FakeUser, type StoredMessage, type UserInput } from './state.js';
import { UserActions, type PressInput, type SlashInput } from './user-actions.js';
import { waitForChange } from '../wait-for-change.js';

export type { InteractionRecord } from './interaction-record.js';
export type { OptionValue } from './interaction-payloads.js';
export type { Failure } from './rest-server.js';
export type * from './state.js';
export type { PressInput, SlashInput } from './user-actions.js';

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  guildId?: string;
  /** The server closes itself after this long, whatever the test did (default 300 s). */
  maxLifetimeMs?: number;
  /** HELLO's heartbeat_interval (Discord: 41250). */
  heartbeatIntervalMs?: number;
  /** Privileged intents switched on "in the developer portal" (GatewayIntentBits values OR-ed); others close with 4014. */
  allowedPrivilegedIntents?: number;
  /** Refuse initial responses after this long with 10062, as Discord does after 3 s (default: no deadline). */
  ackDeadlineMs?: number;
  /** slash() and autocomplete() wait for the command to be registered, as only registered commands can be used (default true). */
  requireRegisteredCommands?: boolean;
}

/**
 * A Discord stand-in on 127.0.0.1 that the real discord.js Client logs into:
 * REST under /api/v10 and the gateway WebSocket on the same port. Tests play
 * the users (slash commands, autocomplete, button presses), inject failures,
 * and read back every message, edit, upload and call the bot made.
 */
export class FakeDiscord {
  readonly state: FakeState;
  readonly token: string;
  readonly applicationId: string;
  readonly guildId: string;
  readonly botUser: FakeUser;
  readonly owner: FakeUser;
  readonly roles: { everyone: string; bot: string; operators: string; admins: string };
  /** #ops, where slash commands are used by default. */
  readonly channelId: string;
  readonly generalChannelId: string;
  private readonly interactionsById = new Map<string, InteractionRecord>();
  private readonly gateway: Gateway;
  private readonly rest: RestServer;
  private readonly users: UserActions;
  private readonly lifetime: NodeJS.Timeout;
  private refuseIdentify = false;
  private closed = false;

  private constructor(
    private readonly server: Server,
    options: FakeDiscordOptions,
  ) {
    this.applicationId = options.applicationId ?? snowflake();
    this.guildId = options.guildId ?? snowflake();
    this.token = options.token ?? `${Buffer.from(this.applicationId).toString('base64url')}.Gh7x2Q.${randomBytes(27).toString('base64url')}`;
    this.botUser = { id: this.applicationId, username: 'zapcast', globalName: null, bot: true };
    this.owner = { id: snowflake(), username: 'guild-owner', globalName: 'Guild Owner', bot: false };
    const state = (this.state = new FakeState(this.applicationId, { id: this.guildId, name: 'Zapcast Test Guild', ownerId: this.owner.id }, this.botUser));
    const seeded = seedGuild(state, { id: this.owner.id, username: this.owner.username, globalName: 'Guild Owner' });
    this.roles = seeded.roles;
    this.channelId = seeded.channelId;
    this.generalChannelId = seeded.generalChannelId;
    const allowed = options.allowedPrivilegedIntents ?? 0;
    const applicationFlags = applicationFlagsFor(allowed);
    this.gateway = new Gateway(
      {
        token: () => this.token,
        refusesIdentify: () => this.refuseIdentify,
        readyData: (sessionId, resumeUrl) => readyJson(state, sessionId, resumeUrl, applicationFlags),
        guildCreateData: () => guildCreateJson(state),
        membersChunkData: (request) => membersChunkJson(state, request),
        recordIdentify: (record) => state.identifies.push(record),
        changed: () => state.changed(),
      },
      { heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250, allowedPrivilegedIntents: allowed & PRIVILEGED_INTENTS },
    );
    const ctx: RouteContext = {
      state,
      gatewayUrl: () => this.gateway.url(state.baseUrl),
      applicationFlags,
      render: (message) => this.render(message),
      interactions: this.interactionsById,
      ackDeadlineMs: options.ackDeadlineMs,
    };
    this.rest = new RestServer(state, () => this.token, [...coreRoutes(ctx), ...interactionRoutes(ctx)]);
    this.users = new UserActions({
      state,
      gateway: this.gateway,
      interactions: this.interactionsById,
      defaultChannelId: this.channelId,
      requireRegisteredCommands: options.requireRegisteredCommands ?? true,
      render: (message) => this.render(message),
      waitFor: (probe, what, timeoutMs) => this.waitFor(probe, what, timeoutMs),
    });
    this.lifetime = setTimeout(() => void this.close(), options.maxLifetimeMs ?? 300_000);
    this.lifetime.unref();
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    let fake: FakeDiscord | undefined;
    const server = createServer((req, res) => {
      fake!.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `fake discord: ${String(error)}`, code: 0 }));
      });
    });
    server.on('upgrade', (req, socket, head) => {
      if (!fake!.gateway.handleUpgrade(req, socket, head)) socket.destroy();
    });
    fake = new FakeDiscord(server, options);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  /** For `new Client({ rest: { api: fake.apiRoot } })` / DISCORD_API_ROOT; @discordjs/rest appends /v10. */
  get apiRoot(): string {
    return `${this.state.baseUrl}/api`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (isApiPath(url.pathname)) return this.rest.handle(req, res, url);
    const download = /^\/(?:media\/)?(?:ephemeral-)?attachments\/[^/]+\/(\d+)\/[^/]+$/.exec(url.pathname);
    const attachment = download ? this.state.attachments.get(download[1]!) : undefined;
    if (!attachment || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    res.writeHead(200, { 'content-type': attachment.contentType, 'content-length': String(attachment.bytes.length) }).end(attachment.bytes);
  }

  private render(message: StoredMessage): unknown {
    const record = message.interactionId ? this.interactionsById.get(message.interactionId) : undefined;
    const meta = record ? { id: record.id, type: record.type === 2 ? (2 as const) : (3 as const), user: record.user, ...(record.commandName ? { name: record.commandName } : {}) } : undefined;
    return messageJson(this.state, message, meta);
  }

  // --- the guild ---------------------------------------------------------------

  addMember(user: UserInput, roleIds: string[] = []): FakeMember {
    return this.state.addMember(user, roleIds);
  }

  addRole(name: string, permissions: bigint = BASIC_PERMISSIONS): string {
    return this.state.addRole({ name, permissions, managed: false, botId: null }).id;
  }

  // --- refusals and failures -----------------------------------------------------

  /** 'gateway-4004': IDENTIFY/RESUME close with 4004; 'rest-401': every API call answers 401. */
  refuseToken(mode: 'gateway-4004' | 'rest-401'): void {
    if (mode === 'gateway-4004') this.refuseIdentify = true;
    else this.rest.refuseAll = true;
  }

  acceptToken(): void {
    this.refuseIdentify = false;
    this.rest.refuseAll = false;
  }

  /** The next `times` calls matching method and path (under /api/v10) get this answer, or a dropped connection. */
  failNext(method: string, path: RegExp, failure: Failure, times = 1): void {
    this.rest.failNext(method, path, failure, times);
  }

  /** A 429 exactly as Discord sends it: integer Retry-After header, float retry_after in the body. */
  rateLimitNext(method: string, path: RegExp, options: { retryAfterSeconds?: number; global?: boolean; times?: number } = {}): void {
    this.rest.failNext(method, path, rateLimitFailure(options.retryAfterSeconds ?? 1, options.global ?? false), options.times ?? 1);
  }

  /** DMs to this user fail with 50007: when sending (user blocks DMs, the default) or already when opening the channel. */
  refuseDMs(userId: string, at: 'open' | 'send' = 'send'): void {
    this.state.dmRefusals.set(userId, at);
  }

  /** Closes the bot's gateway connection; 4000 (default) lets discord.js resume, 4004 ends it. */
  dropGateway(code = 4000): void {
    this.gateway.drop(code);
  }

  /** Sends op 7 Reconnect: discord.js reconnects and resumes. */
  requestReconnect(): void {
    this.gateway.sendOp(7);
  }

  // --- the users' side -----------------------------------------------------------

  /** Resolves once a bot has identified (or resumed) on the gateway. */
  waitForBot(timeoutMs = 10_000): Promise<true> {
    return this.users.waitForBot(timeoutMs);
  }

  /**
   * A user runs a slash command (waiting for the bot and, unless disabled, for
   * the command's registration); resolves once INTERACTION_CREATE is sent.
   */
  slash(user: UserInput, input: SlashInput): Promise<InteractionRecord> {
    return this.users.slash(user, input);
  }

  /** A user types into an autocomplete option; resolves with the choices the bot answered. */
  autocomplete(user: UserInput, input: SlashInput & { focused: string }): Promise<{ name: string; value: string | number }[]> {
    return this.users.autocomplete(user, input);
  }

  /** A user presses a button (by custom id or label) on a message the bot sent. */
  press(user: UserInput, input: PressInput): Promise<InteractionRecord> {
    return this.users.press(user, input);
  }

  /** Submits the form a press or command opened (see UserActions.submitForm). */
  submitForm(user: UserInput, opened: InteractionRecord, values: Record<string, string>): Promise<InteractionRecord> {
    return this.users.submitForm(user, opened, values);
  }

  // --- what tests look at ----------------------------------------------------------

  get commandPuts() {
    return this.state.commandPuts;
  }

  get calls() {
    return this.state.calls;
  }

  callsTo(method: string, path: RegExp) {
    return this.state.calls.filter((c) => c.method === method.toUpperCase() && path.test(c.path));
  }

  get identifies() {
    return this.state.identifies;
  }

  /** The intents of the bot's current session. */
  get intents(): number | undefined {
    return this.gateway.intents;
  }

  get heartbeats(): number {
    return this.gateway.heartbeats;
  }

  get resumes(): number {
    return this.gateway.resumes;
  }

  get interactions(): InteractionRecord[] {
    return [...this.interactionsById.values()];
  }

  /** Every message the bot posted in the channel, oldest first, deleted and ephemeral ones included (flagged). */
  messages(channelId: string = this.channelId): StoredMessage[] {
    return this.state.channelMessages(channelId);
  }

  /** What other members of the channel see. */
  visibleMessages(channelId: string = this.channelId): StoredMessage[] {
    return this.messages(channelId).filter((m) => !m.deleted && !m.ephemeral);
  }

  message(id: string): StoredMessage | undefined {
    return this.state.messages.get(id);
  }

  /** The user's DM channel with the bot, if the bot opened one. */
  dmChannel(userId: string): FakeChannel | undefined {
    return [...this.state.channels.values()].find((c) => c.type === 1 && c.recipientId === userId);
  }

  dmMessages(userId: string): StoredMessage[] {
    const channel = this.dmChannel(userId);
    return channel ? this.messages(channel.id) : [];
  }

  /** Resolves with the first truthy value of `probe`, re-checked on every change; rejects naming `what`. */
  waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
    return waitForChange(this.state.changes, probe, {
      what,
      timeoutMs,
      recent: () => `last calls: ${this.state.calls.slice(-6).map((c) => `${c.method} ${c.path} ${c.status}`).join(', ') || 'none'}`,
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.lifetime);
    this.gateway.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
