import { Telegraf } from 'telegraf';
import type { Logger } from 'pino';
import type { AppServices } from '../../app-services.js';
import type { Clock } from '../../core/clock.js';
import type { ChatFrontEnd } from '../chat-front-end.js';
import type { CommandRouter } from '../command-router.js';
import { DEFAULT_NOTIFICATION_TIMING, OperatorNotifications, type NotificationTiming, type OperatorNotice } from '../notifications/operator-notifications.js';
import { ChatQueues } from '../chat-queues.js';
import { NoticeDelivery } from '../notice-delivery.js';
import { OperatorAccess } from '../operator-access.js';
import { ProgressMessages } from '../progress-messages.js';
import { QrMessages } from '../qr-messages.js';
import { WorkProgress } from '../work-progress.js';
import { BotApi } from './bot-api.js';
import { InlineButtons } from './inline-buttons.js';
import { menuCommands } from './menu.js';
import { ReplySender } from './reply-sender.js';
import { TelegramSurface } from './telegram-surface.js';
import { UpdateHandlers } from './update-handlers.js';

export interface TelegramOptions {
  token: string;
  apiRoot: string;
  operators: readonly string[];
  /** Least time between two edits of one message; Telegram's limits make 3 s a safe floor. */
  editIntervalMs?: number;
  notificationTiming?: NotificationTiming;
  clock?: Clock;
}

const DEFAULT_EDIT_INTERVAL_MS = 3_000;
const RELAUNCH_AFTER_MS = 5_000;

/**
 * The Telegram operator bot: long polling with telegraf, every command of the
 * registry parsed from messages (files as documents and photos), answers with
 * inline buttons, live progress and QR messages, and notices to the
 * operators' private chats.
 */
export class TelegramFrontEnd implements ChatFrontEnd {
  readonly name = 'telegram' as const;
  private readonly bot: Telegraf;
  private readonly abort = new AbortController();
  private readonly logger: Logger;
  private readonly access: OperatorAccess;
  private readonly api: BotApi;
  private readonly queues = new ChatQueues();
  private readonly progress: ProgressMessages;
  private readonly qr: QrMessages;
  private readonly work: WorkProgress;
  private readonly notifications: OperatorNotifications;
  private readonly notices: NoticeDelivery;
  private readonly clock: Clock;
  private polling: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly services: AppServices,
    router: CommandRouter,
    private readonly options: TelegramOptions,
  ) {
    this.clock = options.clock ?? services.clock;
    const clock = this.clock;
    const intervalMs = options.editIntervalMs ?? DEFAULT_EDIT_INTERVAL_MS;
    this.logger = services.logger.child({ frontEnd: 'telegram' });
    this.access = new OperatorAccess({ platform: 'Telegram', usersSetting: 'TELEGRAM_OPERATORS', users: options.operators });
    // Handlers only queue work, so telegraf's own per-update timeout never fires on a long import.
    this.bot = new Telegraf(options.token, { telegram: { apiRoot: options.apiRoot }, handlerTimeout: 60_000 });
    this.api = new BotApi(this.bot.telegram, clock, this.logger, this.abort.signal);
    const buttons = new InlineButtons();
    const surface = new TelegramSurface(this.api, buttons);
    this.progress = new ProgressMessages({ services, surface, clock, pace: { intervalMs }, logger: this.logger });
    this.qr = new QrMessages({ services, surface, logger: this.logger });
    this.work = new WorkProgress({ events: services.events, surface, clock, intervalMs, logger: this.logger });
    const replies = new ReplySender({ api: this.api, buttons, progress: this.progress, qr: this.qr });
    this.notices = new NoticeDelivery({
      surface,
      qr: this.qr,
      progress: this.progress,
      logger: this.logger,
      // A private chat's id is the user's id.
      targets: async () => this.access.operators(),
      undeliverable: (chatId, error, notice) =>
        this.logger.warn({ err: error, chatId, kind: notice.kind }, 'operator notice not delivered (has the operator opened a chat with the bot?)'),
    });
    const handlers = new UpdateHandlers({
      services,
      router,
      api: this.api,
      access: this.access,
      buttons,
      replies,
      progress: this.progress,
      work: this.work,
      queues: this.queues,
      logger: this.logger,
      botUsername: () => this.bot.botInfo?.username ?? '',
    });
    this.notifications = new OperatorNotifications(
      { ...services, clock },
      (notice) => this.notices.deliver(notice),
      options.notificationTiming ?? DEFAULT_NOTIFICATION_TIMING,
    );
    this.bot.on('message', (ctx) => handlers.message(ctx.message));
    this.bot.on('callback_query', (ctx) => handlers.callback(ctx.callbackQuery));
    this.bot.catch((error, ctx) => this.logger.error({ err: error, updateId: ctx.update.update_id }, 'telegram update failed'));
  }

  async start(): Promise<void> {
    this.progress.start();
    this.qr.start();
    this.work.start();
    this.notifications.start();
    await this.launch();
    if (!this.access.configured) {
      this.logger.warn('TELEGRAM_OPERATORS is empty: the bot obeys nobody and tells each user their id');
    }
    await this.api
      .setCommands(menuCommands(this.services.commands))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'the Telegram command menu was not set'));
  }

  /** Connects (getMe), then polls in the background; resolves once the bot is known to Telegram. */
  private launch(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let launched = false;
      this.polling = this.bot
        .launch(() => {
          launched = true;
          this.logger.info({ bot: this.bot.botInfo?.username }, 'Telegram bot polling');
          resolve();
        })
        .catch((error: unknown) => {
          if (!launched) return reject(new Error(`Telegram did not accept the bot (TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT): ${String(error)}`));
          if (this.stopping) return;
          this.logger.error({ err: error }, `Telegram polling stopped; trying again in ${RELAUNCH_AFTER_MS / 1000} s`);
          this.clock.setTimer(RELAUNCH_AFTER_MS, () => {
            if (!this.stopping) this.launch().catch((relaunchError: unknown) => this.logger.error({ err: relaunchError }, 'Telegram relaunch failed'));
          });
        });
    });
  }

  /** Resolves when every queued command, notice and due edit is done (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queues.idle();
    await this.notices.idle();
    await this.qr.settled();
    await this.progress.settled();
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.notifications.stop();
    if (this.polling) {
      try {
        this.bot.stop('shutdown');
      } catch (error) {
        // Polling had already ended (it failed and a relaunch was pending).
        this.logger.debug({ err: error }, 'telegram polling was not running');
      }
      await this.polling;
    }
    await this.queues.idle();
    await this.notices.idle();
    this.work.stop();
    await this.qr.stop();
    await this.progress.stop();
    this.abort.abort();
  }
}
