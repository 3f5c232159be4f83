import { Client, DiscordAPIError, DiscordjsErrorCodes, Events, GatewayCloseCodes, GatewayIntentBits, RESTJSONErrorCodes, Routes, type RateLimitData } from 'discord.js';
import type { Logger } from 'pino';
import type { AppServices } from '../../app-services.js';
import type { Clock } from '../../core/clock.js';
import type { DiscordSettings } from '../../config.js';
import { InboxDelivery } from '../inbox-delivery.js';
import { InboxThreads } from './inbox-threads.js';
import type { ChatFrontEnd } from '../chat-front-end.js';
import type { FrontEndState, FrontEndStatus } from '../front-end-status.js';
import type { CommandRouter } from '../command-router.js';
import { NoticeDelivery } from '../notice-delivery.js';
import { DEFAULT_NOTIFICATION_TIMING, OperatorNotifications, type NotificationTiming } from '../notifications/operator-notifications.js';
import { OperatorAccess } from '../operator-access.js';
import { ProgressMessages, type EditPace } from '../progress-messages.js';
import { QrMessages } from '../qr-messages.js';
import { registerCommands } from './command-registration.js';
import { ButtonCodec } from './components.js';
import { DiscordSurface } from './discord-surface.js';
import { InteractionHandler } from './interaction-handler.js';
import { RoleLookup } from './operator-roles.js';
import { slashCommands } from './slash-commands.js';

export interface DiscordOptions {
  settings: DiscordSettings;
  /** Progress edits: Discord's limits make 5 s (15 s for runs over an hour old) a safe pace. */
  pace?: EditPace;
  notificationTiming?: NotificationTiming;
  /** How long start() waits for the first login before going on without Discord (it keeps trying). */
  firstLoginWaitMs?: number;
  clock?: Clock;
}

const DEFAULT_PACE: EditPace = { intervalMs: 5_000, agedIntervalMs: 15_000 };
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 60_000;

/** A progress edit that hits a rate limit is handed back to its message instead of holding every other call. */
const isMessageEdit = (limit: RateLimitData) => limit.method.toUpperCase() === 'PATCH' && /^\/channels\/:id\/messages\/:id$/.test(limit.route);

/**
 * The Discord operator bot: every command of the registry as a slash command
 * (registered at start when changed), one interaction handler for commands,
 * autocomplete and buttons, progress as channel messages edited in place, the
 * QR in its operator's own answer, and notices in a channel or operators'
 * DMs. Discord being down or refusing the token never stops anything else.
 */
export class DiscordFrontEnd implements ChatFrontEnd {
  readonly name = 'discord' as const;
  private client: Client | undefined;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly access: OperatorAccess;
  private readonly codec = new ButtonCodec();
  private readonly progress: ProgressMessages;
  private readonly qr: QrMessages;
  private readonly notifications: OperatorNotifications;
  private readonly notices: NoticeDelivery;
  private readonly inbox: InboxDelivery;
  private readonly dmChannels = new Map<string, string>();
  private readonly undeliverableReported = new Set<string>();
  private readonly abort = new AbortController();
  private readonly surface: DiscordSurface;
  private handler: InteractionHandler | undefined;
  private connecting: Promise<void> | undefined;
  private lastDetail: string | null = null;

  constructor(
    private readonly services: AppServices,
    private readonly router: CommandRouter,
    private readonly options: DiscordOptions,
  ) {
    this.clock = options.clock ?? services.clock;
    this.logger = services.logger.child({ frontEnd: 'discord' });
    const { settings } = options;
    this.access = new OperatorAccess({
      platform: 'Discord',
      usersSetting: 'DISCORD_OPERATORS',
      users: settings.operators,
      rolesSetting: 'DISCORD_OPERATOR_ROLES',
      roles: settings.operatorRoles,
    });
    this.newClient();
    this.surface = new DiscordSurface(
      () => this.client!.rest,
      () => this.client?.application?.id ?? '',
      this.codec,
    );
    this.progress = new ProgressMessages({ services, surface: this.surface, clock: this.clock, pace: options.pace ?? DEFAULT_PACE, logger: this.logger });
    this.qr = new QrMessages({ services, surface: this.surface, logger: this.logger });
    this.notices = new NoticeDelivery({
      surface: this.surface,
      qr: this.qr,
      progress: this.progress,
      logger: this.logger,
      targets: () => this.noticeTargets(),
      undeliverable: (chatId, error, notice) => this.undeliverable(chatId, error, notice.kind),
    });
    this.notifications = new OperatorNotifications({ ...services, clock: this.clock }, (notice) => this.notices.deliver(notice), options.notificationTiming ?? DEFAULT_NOTIFICATION_TIMING);
    const threads = new InboxThreads({ rest: () => this.client!.rest, repos: services.repos, logger: this.logger, inboxChannel: settings.inboxChannel });
    this.inbox = new InboxDelivery({
      services,
      surface: this.surface,
      platform: 'discord',
      logger: this.logger,
      targets: async () => (settings.inboxChannel ? [settings.inboxChannel] : this.noticeTargets()),
      placeFor: (channelId, forward) => threads.placeFor(channelId, forward),
    });
  }

  /** How the link to Discord stands (what /healthz shows under frontEnds.discord). */
  status(): FrontEndStatus | undefined {
    return this.services.frontEndStatus.get('discord');
  }

  private report(state: FrontEndState, detail: string | null = null, nextAttemptAt: number | null = null): void {
    this.lastDetail = detail;
    this.services.frontEndStatus.report('discord', state, detail, nextAttemptAt);
  }

  private stateIs(state: FrontEndState): boolean {
    return this.status()?.state === state;
  }

  private newClient(): Client {
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { api: this.options.settings.apiRoot, rejectOnRateLimit: isMessageEdit },
    });
    this.client = client;
    return client;
  }

  async start(): Promise<void> {
    this.progress.start();
    this.qr.start();
    this.notifications.start();
    this.inbox.start();
    this.report('starting');
    if (!this.access.configured) this.logger.warn('DISCORD_OPERATORS and DISCORD_OPERATOR_ROLES are empty: the bot obeys nobody and tells each user their id');
    let firstAttempt!: () => void;
    const firstAttemptDone = new Promise<void>((resolve) => (firstAttempt = resolve));
    this.connecting = this.connectUntilDone(firstAttempt);
    // Waits for the first login (bounded) so commands work as soon as start() returns; retries never hold up the rest.
    await Promise.race([firstAttemptDone, this.clock.sleep(this.options.firstLoginWaitMs ?? 15_000, this.abort.signal).catch(() => undefined)]);
  }

  private async connectUntilDone(firstAttempt: () => void): Promise<void> {
    for (let attempt = 0; !this.abort.signal.aborted; attempt++) {
      const outcome = await this.connectOnce(attempt === 0 ? this.client! : this.newClient());
      firstAttempt();
      if (outcome !== 'retry') return;
      const waitMs = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt);
      this.report('retrying', this.lastDetail ?? 'cannot reach Discord', this.clock.now() + waitMs);
      try {
        await this.clock.sleep(waitMs, this.abort.signal);
      } catch {
        return;
      }
    }
  }

  private tokenRefused(detail: string): 'refused' {
    this.report('token refused', detail);
    this.logger.error(`Discord refused the bot token (${detail}): check DISCORD_TOKEN. Discord stays off; WhatsApp and the other front-ends go on.`);
    return 'refused';
  }

  private async connectOnce(client: Client): Promise<'ready' | 'refused' | 'retry'> {
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    client.on(Events.InteractionCreate, (interaction) => this.handler?.handle(interaction));
    client.on(Events.Error, (error) => this.logger.warn({ err: error }, 'Discord client error'));
    // discord.js reconnects a dropped gateway by itself; /healthz shows it meanwhile.
    client.on(Events.ShardReconnecting, () => {
      if (this.stateIs('up')) this.report('retrying', 'the Discord gateway is reconnecting');
    });
    const backUp = () => {
      if (this.stateIs('retrying') && client.isReady()) this.report('up');
    };
    client.on(Events.ShardResume, backUp);
    client.on(Events.ShardReady, backUp);
    let refused = false;
    // discord.js gives up on these close codes by itself; 4004 is the token, the rest are this build's fault.
    const closed = new Promise<'refused'>((resolve) =>
      client.on(Events.ShardDisconnect, (event) => {
        if (event.code !== GatewayCloseCodes.AuthenticationFailed) {
          this.report('stopped', `the Discord gateway closed for good (code ${event.code})`);
          this.logger.error({ code: event.code }, 'the Discord gateway closed for good');
          return;
        }
        refused = true;
        this.tokenRefused('the gateway closed with 4004 Authentication failed');
        void client.destroy().catch(() => undefined);
        resolve('refused');
      }),
    );
    try {
      const loggedIn = client.login(this.options.settings.token).then(() => ready.then(() => 'ready' as const));
      const outcome = await Promise.race([loggedIn, closed]);
      if (outcome === 'refused') return 'refused';
    } catch (error) {
      await client.destroy().catch(() => undefined);
      if (refused) return 'refused';
      const code = (error as { code?: unknown }).code;
      if (code === DiscordjsErrorCodes.TokenInvalid || (error instanceof DiscordAPIError && error.status === 401)) return this.tokenRefused('REST answered 401 Unauthorized');
      this.logger.warn({ err: error }, 'cannot reach Discord; trying again with growing waits');
      this.lastDetail = `cannot reach Discord: ${error instanceof Error ? error.message : String(error)}`;
      return 'retry';
    }
    this.handler = new InteractionHandler({
      services: this.services,
      router: this.router,
      access: this.access,
      codec: this.codec,
      surface: this.surface,
      progress: this.progress,
      qr: this.qr,
      roles: new RoleLookup(client.rest, this.options.settings.guildId, this.clock),
      logger: this.logger,
      editIntervalMs: (this.options.pace ?? DEFAULT_PACE).intervalMs,
    });
    this.report('up');
    this.logger.info({ bot: client.user?.tag, guilds: client.guilds.cache.size }, 'Discord bot connected');
    await this.register(client);
    return 'ready';
  }

  private async register(client: Client): Promise<void> {
    try {
      await registerCommands({
        rest: client.rest,
        applicationId: client.application!.id,
        guildId: this.options.settings.guildId,
        commands: slashCommands(this.services.commands),
        appState: this.services.repos.appState,
        now: this.clock.now(),
        logger: this.logger,
      });
    } catch (error) {
      this.logger.error({ err: error }, 'the Discord slash commands were not registered; they will be tried again at the next start');
    }
  }

  /** The notice channel, or each operator's DM channel (opened once, then remembered). */
  private async noticeTargets(): Promise<string[]> {
    const { noticeChannel } = this.options.settings;
    if (noticeChannel) return [noticeChannel];
    const client = this.client;
    if (!client || !this.stateIs('up')) return [];
    const targets: string[] = [];
    for (const userId of this.access.operators()) {
      let channelId = this.dmChannels.get(userId);
      if (!channelId) {
        try {
          channelId = ((await client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string }).id;
          this.dmChannels.set(userId, channelId);
        } catch (error) {
          this.undeliverable(`user ${userId}`, error, 'dm');
          continue;
        }
      }
      targets.push(channelId);
    }
    return targets;
  }

  /** An operator who takes no DMs from the bot is logged once, not at every notice. */
  private undeliverable(where: string, error: unknown, kind: string): void {
    const cannotMessage = error instanceof DiscordAPIError && Number(error.code) === RESTJSONErrorCodes.CannotSendMessagesToThisUser;
    if (cannotMessage && this.undeliverableReported.has(where)) return;
    if (cannotMessage) this.undeliverableReported.add(where);
    this.logger.warn({ err: error, where, kind }, cannotMessage ? 'Discord will not let the bot message this operator (DMs closed); their notices are skipped' : 'operator notice not delivered');
  }

  /** Resolves when every interaction, notice and due edit is done (tests, shutdown). */
  async idle(): Promise<void> {
    await this.handler?.idle();
    await this.notices.idle();
    await this.inbox.idle();
    await this.qr.settled();
    await this.progress.settled();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.notifications.stop();
    this.inbox.stop();
    await this.connecting?.catch(() => undefined);
    await this.idle();
    await this.qr.stop();
    await this.progress.stop();
    await this.client?.destroy().catch(() => undefined);
    this.report('stopped');
  }
}
