import { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from 'pino';
import type { AppServices } from '../../app-services.js';
import type { Clock } from '../../core/clock.js';
import type { ChatFrontEnd } from '../chat-front-end.js';
import { ChatPolicy } from '../chat-policy.js';
import type { CommandRouter } from '../command-router.js';
import { ChatQueues } from '../chat-queues.js';
import { NoticeDelivery } from '../notice-delivery.js';
import { InboxDelivery } from '../inbox-delivery.js';
import { InboxTopics } from './inbox-topics.js';
import { DEFAULT_NOTIFICATION_TIMING, OperatorNotifications, type NotificationTiming } from '../notifications/operator-notifications.js';
import { OnceOnlyButtons } from '../once-only-buttons.js';
import { OperatorAccess } from '../operator-access.js';
import { ProgressMessages } from '../progress-messages.js';
import { QrMessages } from '../qr-messages.js';
import { SkippedCommands } from '../stale-commands.js';
import { WorkProgress } from '../work-progress.js';
import { BotApi } from './bot-api.js';
import { isGroupChat } from './chat-address.js';
import type { ChatBudgets } from './chat-rate-limits.js';
import { InlineButtons } from './inline-buttons.js';
import { ChatMenus, menuCommands } from './menu.js';
import { ReplySender } from './reply-sender.js';
import { TelegramSurface } from './telegram-surface.js';
import { UpdateHandlers } from './update-handlers.js';
import { DEFAULT_POLLING_TIMING, UpdatePoller, type PollingTiming } from './update-poller.js';

export interface TelegramOptions {
  token: string;
  apiRoot: string;
  operators: readonly string[];
  /** Groups (ids) where operators' commands are obeyed besides their private chats. */
  chats?: readonly string[];
  /** Commands that change things and arrive later than this are not run; 0: no limit. */
  maxUpdateAgeS?: number;
  /** Least time between two edits of one message; Telegram's limits make 3 s a safe floor. */
  editIntervalMs?: number;
  /** Per-chat budgets for posts and edits (tests shrink the window). */
  chatBudgets?: ChatBudgets;
  /** Long-poll length, watchdog and retry waits (tests shorten them). */
  polling?: Partial<PollingTiming>;
  notificationTiming?: NotificationTiming;
  clock?: Clock;
}

const DEFAULT_EDIT_INTERVAL_MS = 3_000;
const DEFAULT_MAX_UPDATE_AGE_S = 300;

/**
 * The Telegram operator bot: long polling (UpdatePoller), every command of the
 * registry parsed from messages (files as documents and photos) under the chat
 * policy, answers with inline buttons, live progress and QR messages, and
 * notices to the operators' private chats. Telegram being down or refusing the
 * token is reported in /healthz and never stops the rest of zapcast.
 */
export class TelegramFrontEnd implements ChatFrontEnd {
  readonly name = 'telegram' as const;
  private readonly telegram: Telegram;
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
  private readonly inbox: InboxDelivery;
  private readonly poller: UpdatePoller;
  private readonly handlers: UpdateHandlers;
  private botUsername = '';
  private stopping = false;

  constructor(
    private readonly services: AppServices,
    router: CommandRouter,
    options: TelegramOptions,
  ) {
    const clock = options.clock ?? services.clock;
    const intervalMs = options.editIntervalMs ?? DEFAULT_EDIT_INTERVAL_MS;
    this.logger = services.logger.child({ frontEnd: 'telegram' });
    this.access = new OperatorAccess({ platform: 'Telegram', usersSetting: 'TELEGRAM_OPERATORS', users: options.operators });
    const inboxChat = services.config.telegramInboxChat;
    // Operators answer in the inbox chat, so it is one where they are obeyed.
    const policy = new ChatPolicy(this.access, [...(options.chats ?? []), ...(inboxChat && isGroupChat(inboxChat) ? [inboxChat] : [])]);
    this.telegram = new Telegram(options.token, { apiRoot: options.apiRoot });
    this.api = new BotApi(this.telegram, clock, this.logger, this.abort.signal, options.chatBudgets);
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
      // A private chat's id is the user's id. With the token refused every delivery would fail the same way; the log and /healthz already say so.
      targets: async () => (services.frontEndStatus.get('telegram')?.state === 'token refused' ? [] : this.access.operators()),
      undeliverable: (chatId, error, notice) =>
        this.logger.warn({ err: error, chatId, kind: notice.kind }, 'operator notice not delivered (has the operator opened a chat with the bot?)'),
    });
    const topics = new InboxTopics({ api: this.api, repos: services.repos, logger: this.logger });
    this.inbox = new InboxDelivery({
      services,
      surface,
      platform: 'telegram',
      logger: this.logger,
      targets: async () => (services.frontEndStatus.get('telegram')?.state === 'token refused' ? [] : inboxChat ? [inboxChat] : this.access.operators()),
      placeFor: (chatId, forward) => topics.placeFor(chatId, forward),
    });
    // A private chat's id is its user's, so each operator's private chat gets the menu too.
    const menus = new ChatMenus({ api: this.api, commands: menuCommands(services.commands), chats: () => [...this.access.operators(), ...policy.allowedGroups()], logger: this.logger });
    this.handlers = new UpdateHandlers({
      services,
      router,
      api: this.api,
      access: this.access,
      policy,
      menus,
      buttons,
      onceOnly: new OnceOnlyButtons(),
      skipped: new SkippedCommands(),
      replies,
      progress: this.progress,
      work: this.work,
      queues: this.queues,
      logger: this.logger,
      maxUpdateAgeMs: (options.maxUpdateAgeS ?? DEFAULT_MAX_UPDATE_AGE_S) * 1000,
      botUsername: () => this.botUsername,
      inboxAnswerTo: (address, replied) => topics.answerTo(address, replied),
      isInboxForward: (address, messageId) => services.repos.inbox.phoneOfChatMessage('telegram', address, String(messageId)) !== undefined,
    });
    this.poller = new UpdatePoller({
      telegram: this.telegram,
      clock,
      logger: this.logger,
      timing: { ...DEFAULT_POLLING_TIMING, ...options.polling },
      report: (state, detail, next) => services.frontEndStatus.report('telegram', state, detail ?? null, next ?? null),
      onConnected: async (me) => {
        this.botUsername = me.username;
        await menus.publish();
      },
      onUpdates: async (updates) => this.dispatch(updates),
    });
    this.notifications = new OperatorNotifications(
      { ...services, clock },
      (notice) => this.notices.deliver(notice),
      options.notificationTiming ?? DEFAULT_NOTIFICATION_TIMING,
    );
  }

  /** Starts the bot's parts and its connection to Telegram, and returns at once: Telegram may be down for a while. */
  async start(): Promise<void> {
    this.progress.start();
    this.qr.start();
    this.work.start();
    this.notifications.start();
    this.inbox.start();
    if (!this.access.configured) {
      this.logger.warn('TELEGRAM_OPERATORS is empty: the bot obeys nobody and tells each user their id');
    }
    this.poller.start();
  }

  /** Hands a batch of updates to the handlers, which queue the work per chat and return. */
  private dispatch(updates: Update[]): void {
    for (const update of updates) {
      try {
        if ('message' in update) this.handlers.message(update.message);
        else if ('edited_message' in update) this.handlers.editedMessage(update.edited_message);
        else if ('callback_query' in update) this.handlers.callback(update.callback_query);
      } catch (error) {
        this.logger.error({ err: error, updateId: update.update_id }, 'telegram update failed');
      }
    }
    this.handlers.endOfBatch();
  }

  /** Resolves when every queued command, notice and due edit is done (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queues.idle();
    await this.notices.idle();
    await this.inbox.idle();
    await this.qr.settled();
    await this.progress.settled();
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.notifications.stop();
    this.inbox.stop();
    await this.poller.stop();
    // Waits for a 429's retry_after or a chat's edit budget end now: shutdown never sits out a Telegram rate limit.
    this.abort.abort();
    await this.queues.idle();
    await this.notices.idle();
    await this.inbox.idle();
    this.work.stop();
    await this.qr.stop();
    await this.progress.stop();
  }
}
