import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { CallbackQuery, Message } from 'telegraf/types';
import type { AppServices } from '../../app-services.js';
import type { Actor, CommandInvocation, Reply } from '../../core/command.js';
import type { ChatQueues } from '../chat-queues.js';
import type { ChatPlace, ChatPolicy } from '../chat-policy.js';
import type { CommandRouter, RouteOptions } from '../command-router.js';
import { DECLINE_COMMAND } from '../confirmation.js';
import { SPENT_BUTTON_ANSWER, type OnceOnlyButtons } from '../once-only-buttons.js';
import type { OperatorAccess } from '../operator-access.js';
import type { ProgressMessages } from '../progress-messages.js';
import type { SkippedCommands } from '../stale-commands.js';
import type { WorkProgress } from '../work-progress.js';
import type { BotApi } from './bot-api.js';
import { downloadLimitFor } from './download-limits.js';
import { auditGreeting, greeting } from './greeting.js';
import { actorOf, readMessage, type Incoming, type TelegramFile } from './incoming.js';
import type { InlineButtons } from './inline-buttons.js';
import type { ChatMenus } from './menu.js';
import type { ReplySender } from './reply-sender.js';
import { telegramAttachment } from './telegram-attachment.js';
import { placeOf, sentAtOf } from './telegram-place.js';

export interface HandlerDeps {
  services: AppServices;
  router: CommandRouter;
  api: BotApi;
  access: OperatorAccess;
  policy: ChatPolicy;
  menus: ChatMenus;
  buttons: InlineButtons;
  onceOnly: OnceOnlyButtons;
  skipped: SkippedCommands;
  replies: ReplySender;
  progress: ProgressMessages;
  work: WorkProgress;
  queues: ChatQueues;
  logger: Logger;
  /** Commands that change things and arrive later than this are not run (0: no limit). */
  maxUpdateAgeMs: number;
  botUsername(): string;
  /** The contact a plain message answers (a reply to an inbox forward, or text in a contact's topic). */
  inboxAnswerTo?(address: string, repliedMessageId: number | undefined): string | undefined;
  /** An inbox forward: its Reply / Opt out / Mute stay for the next answer. */
  isInboxForward?(address: string, messageId: number): boolean;
}

const COMMAND_LINE = /^\/([A-Za-z0-9_][\w-]*)(?:\s+([\s\S]*))?$/;

export const EDIT_NOT_RUN = 'Edited messages are not run again. Send the command as a new message if you want it run.';

/**
 * Turns Telegram messages, edits and button presses into command invocations
 * for the router, following the chat policy. Handlers queue the work and
 * return at once; whatever goes wrong becomes a short answer in the chat and
 * a log line, never a crash.
 */
export class UpdateHandlers {
  /** Chats given commands in the current batch of updates (their skipped-command notice follows the batch). */
  private readonly touched = new Set<string>();
  /** Unlisted groups where an operator was ignored, logged once each. */
  private readonly ignoredGroups = new Set<string>();

  constructor(private readonly deps: HandlerDeps) {}

  message(message: Message): void {
    const { access, policy, queues } = this.deps;
    const from = message.from;
    if (!from || from.is_bot) return;
    const { place, address } = placeOf(message);
    const actor = actorOf(from);
    const read = readMessage(message, this.deps.botUsername());
    if (read.kind === 'ignore') return;
    const admission = policy.admit(place, actor.id);
    if (admission === 'ignore') return this.ignored(place.chatId, actor);
    const incoming: Exclude<Incoming, { kind: 'ignore' }> = read.kind === 'chatter' && admission === 'obey' ? (this.inboxAnswer(message, address) ?? read) : read;
    if (incoming.kind === 'chatter') {
      // In groups people talk among themselves; only a private chat gets an answer.
      if (place.kind !== 'private') return;
      const answer = admission === 'obey' ? incoming.hint : access.refusal(actor.id);
      queues.run(address, () => this.safely(address, 'your message', () => this.deps.api.sendText(address, answer).then(() => undefined)));
      return;
    }
    if (incoming.command === 'start') return this.greet(message, address, actor, incoming.text, admission);
    const known = incoming.command === DECLINE_COMMAND || this.deps.router.find(incoming.command) !== undefined;
    if (!known && !policy.answersUnknownCommand(place, incoming.addressed)) return;
    const invocation = { ...this.invocation(address, actor, incoming.command, incoming.text, incoming.files), sentAt: sentAtOf(message) };
    this.deps.logger.debug({ chatId: address, actor: actor.id, command: incoming.command }, 'telegram command');
    this.touched.add(address);
    const obeyed = admission === 'obey';
    const group = place.kind === 'group';
    queues.run(address, () =>
      this.safely(address, `/${incoming.command}`, () =>
        this.deps.work.around(address, () =>
          this.deps.router.handle(invocation, {
            authorised: obeyed,
            reply: obeyed
              ? (reply: Reply) => this.deps.replies.send(address, reply, { replyTo: group ? message.message_id : undefined })
              : async () => void (await this.deps.api.sendText(address, access.refusal(actor.id, `/${incoming.command}`))),
            ...this.routeExtras(address, actor, place),
          }),
        ),
      ),
    );
  }

  /** Text answering an inbox forward (or written in a contact's topic) is /reply to that contact. */
  private inboxAnswer(message: Message, address: string): Extract<Incoming, { kind: 'command' }> | undefined {
    const text = 'text' in message && typeof message.text === 'string' ? message.text.trim() : '';
    if (text === '' || !this.deps.inboxAnswerTo) return undefined;
    const replied = 'reply_to_message' in message && message.reply_to_message ? message.reply_to_message.message_id : undefined;
    const phone = this.deps.inboxAnswerTo(address, replied);
    return phone ? { kind: 'command', command: 'reply', text: `${phone} ${text}`, files: [], addressed: true } : undefined;
  }

  /** Telegram delivers an edited message again; a command there is not run twice, and the operator is told. */
  editedMessage(message: Message): void {
    const from = message.from;
    if (!from || from.is_bot) return;
    const { place, address } = placeOf(message);
    const incoming = readMessage(message, this.deps.botUsername());
    if (incoming.kind !== 'command' || this.deps.policy.admit(place, String(from.id)) !== 'obey') return;
    this.deps.queues.run(address, () =>
      this.safely(address, 'your edit', () => this.deps.api.sendText(address, EDIT_NOT_RUN, undefined, { replyTo: message.message_id }).then(() => undefined)),
    );
  }

  callback(query: CallbackQuery): void {
    const { api, access, policy, buttons, queues, progress } = this.deps;
    const data = 'data' in query ? query.data : undefined;
    const source = query.message;
    const line = data === undefined ? undefined : buttons.decode(data);
    const match = line === undefined ? null : COMMAND_LINE.exec(line);
    if (!source || !match) {
      void api.answerCallback(query.id, 'This button no longer works; type the command instead.', true).catch((error: unknown) => this.logged(error));
      return;
    }
    const { place, address } = placeOf(source as Message);
    const actor = actorOf(query.from);
    const invocation: CommandInvocation = { ...this.invocation(address, actor, match[1]!.toLowerCase(), (match[2] ?? '').trim(), []), pressed: true };
    if (!access.allows(actor.id)) {
      // The refusal goes to the presser alone, not into a chat others read; in a chat zapcast ignores, not even that.
      const answer = place.kind === 'private' || policy.groupAllowed(place.chatId) ? access.refusal(actor.id, line) : undefined;
      queues.run(`${address}#buttons`, () =>
        this.safely(address, line!, () => this.deps.router.handle(invocation, { authorised: false, reply: () => api.answerCallback(query.id, answer, answer !== undefined) })),
      );
      return;
    }
    if (policy.admit(place, actor.id) !== 'obey') {
      void api.answerCallback(query.id).catch((error: unknown) => this.logged(error));
      return;
    }
    // Buttons on ordinary answers (Start / Cancel, Confirm, a breaker's choices) work once; a progress view's follow its run.
    const followsRun = progress.isProgressMessage(address, String(source.message_id)) || this.deps.isInboxForward?.(address, source.message_id) === true;
    if (!followsRun && !this.deps.onceOnly.claim(`${place.chatId}:${source.message_id}`)) {
      void api.answerCallback(query.id, SPENT_BUTTON_ANSWER).catch((error: unknown) => this.logged(error));
      return;
    }
    queues.run(`${address}#buttons`, () =>
      this.safely(address, line!, async () => {
        await api.answerCallback(query.id).catch((error: unknown) => this.logged(error));
        if (!followsRun) await api.removeButtons(address, source.message_id);
        await this.deps.router.handle(invocation, {
          authorised: true,
          reply: (reply) => this.deps.replies.send(address, reply, { pressedMessageId: source.message_id }),
          ...this.routeExtras(address, actor, place),
        });
      }),
    );
  }

  /** After a batch of updates: each chat's skipped stale commands, as one notice after that chat's commands. */
  endOfBatch(): void {
    for (const address of this.touched) {
      this.deps.queues.run(address, () =>
        this.safely(address, 'the commands that came too late', async () => {
          const notice = this.deps.skipped.take(address);
          if (notice) await this.deps.api.sendText(address, notice);
        }),
      );
    }
    this.touched.clear();
  }

  private routeExtras(address: string, actor: Actor, place: ChatPlace): Pick<RouteOptions, 'replyPrivately' | 'staleAfterMs' | 'onStale'> {
    return {
      // A private chat's id is its user's: linking material asked for in a group goes there.
      ...(this.deps.policy.showsLinkingMaterial(place) ? {} : { replyPrivately: (reply: Reply) => this.deps.replies.send(actor.id, reply) }),
      staleAfterMs: this.deps.maxUpdateAgeMs,
      onStale: (skipped) => this.deps.skipped.add(address, skipped),
    };
  }

  private greet(message: Message, address: string, actor: Actor, payload: string, admission: 'obey' | 'refuse'): void {
    const { services, access, menus, queues } = this.deps;
    const answer = greeting({ services, access }, actor, admission);
    if (!answer) return;
    auditGreeting(services, actor, address, payload, admission);
    queues.run(address, () =>
      this.safely(address, '/start', async () => {
        if (admission === 'obey' && message.chat.type === 'private') await menus.ensure(address);
        await this.deps.api.sendText(address, answer, undefined, { replyTo: message.chat.type === 'private' ? undefined : message.message_id });
      }),
    );
  }

  private ignored(chatId: string, actor: Actor): void {
    // An operator typing in a group zapcast does not serve: silence there, a log line with the id to allowlist.
    if (!this.deps.access.allows(actor.id) || this.ignoredGroups.has(chatId)) return;
    this.ignoredGroups.add(chatId);
    this.deps.logger.info({ chatId, actor: actor.id }, 'ignoring commands in a group not in TELEGRAM_CHATS; add its id there to use zapcast in it');
  }

  private invocation(chatId: string, actor: Actor, command: string, text: string, files: TelegramFile[]): CommandInvocation {
    const { services, api } = this.deps;
    const limit = downloadLimitFor(command, services.config);
    return {
      frontEnd: 'telegram',
      actor,
      chatId,
      command,
      text,
      attachments: files.map((file) => telegramAttachment(file, { api, uploadsDir: services.paths.uploads, limit, stamp: () => services.clock.now() })),
    };
  }

  private logged(error: unknown): void {
    this.deps.logger.warn({ err: error }, 'telegram call failed');
  }

  /** Runs one update's work; a failure is logged with a reference and the chat gets a short apology. */
  private async safely(chatId: string, what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const ref = randomBytes(3).toString('hex');
      this.deps.logger.error({ err: error, ref, chatId, what }, 'telegram update failed');
      await this.deps.api
        .sendText(chatId, `Something went wrong answering ${what}; the details are in the log (ref ${ref}).`)
        .catch((sendError: unknown) => this.deps.logger.warn({ err: sendError, ref, chatId }, 'could not tell the chat about the failure'));
    }
  }
}
