import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { CallbackQuery, Message } from 'telegraf/types';
import type { AppServices } from '../../app-services.js';
import type { CommandInvocation, Reply } from '../../core/command.js';
import type { CommandRouter } from '../command-router.js';
import type { ChatQueues } from '../chat-queues.js';
import type { OperatorAccess } from '../operator-access.js';
import type { ProgressMessages } from '../progress-messages.js';
import type { WorkProgress } from '../work-progress.js';
import type { BotApi } from './bot-api.js';
import { downloadLimitFor } from './download-limits.js';
import { actorOf, readMessage, type TelegramFile } from './incoming.js';
import type { InlineButtons } from './inline-buttons.js';
import type { ReplySender } from './reply-sender.js';
import { telegramAttachment } from './telegram-attachment.js';

export interface HandlerDeps {
  services: AppServices;
  router: CommandRouter;
  api: BotApi;
  access: OperatorAccess;
  buttons: InlineButtons;
  replies: ReplySender;
  progress: ProgressMessages;
  work: WorkProgress;
  queues: ChatQueues;
  logger: Logger;
  botUsername(): string;
}

const COMMAND_LINE = /^\/([A-Za-z0-9_][\w-]*)(?:\s+([\s\S]*))?$/;

/**
 * Turns Telegram messages and button presses into command invocations for
 * the router. Handlers queue the work and return at once; whatever goes wrong
 * becomes a short answer in the chat and a log line, never a crash.
 */
export class UpdateHandlers {
  constructor(private readonly deps: HandlerDeps) {}

  message(message: Message): void {
    const { access, queues, logger } = this.deps;
    const from = message.from;
    if (!from || from.is_bot) return;
    const chatId = String(message.chat.id);
    const actor = actorOf(from);
    const incoming = readMessage(message, this.deps.botUsername());
    if (incoming.kind === 'ignore') return;
    if (incoming.kind === 'chatter') {
      // In groups people talk among themselves; only a private chat gets an answer.
      if (message.chat.type !== 'private') return;
      const answer = access.allows(actor.id) ? incoming.hint : access.refusal(actor.id);
      queues.run(chatId, () => this.safely(chatId, 'your message', () => this.deps.api.sendText(chatId, answer).then(() => undefined)));
      return;
    }
    if (incoming.command === 'start' && incoming.text === '' && incoming.files.length === 0) {
      // Telegram sends a bare /start when someone opens the bot: greet rather than ask for a campaign id.
      const answer = access.allows(actor.id) ? this.welcome() : access.refusal(actor.id);
      queues.run(chatId, () => this.safely(chatId, '/start', () => this.deps.api.sendText(chatId, answer).then(() => undefined)));
      return;
    }
    const invocation = this.invocation(chatId, actor, incoming.command, incoming.text, incoming.files);
    logger.debug({ chatId, actor: actor.id, command: incoming.command }, 'telegram command');
    queues.run(chatId, () =>
      this.safely(chatId, `/${incoming.command}`, () =>
        this.deps.work.around(chatId, () =>
          this.deps.router.handle(invocation, {
            authorised: access.allows(actor.id),
            reply: access.allows(actor.id)
              ? (reply: Reply) => this.deps.replies.send(chatId, reply)
              : async () => void (await this.deps.api.sendText(chatId, access.refusal(actor.id, `/${incoming.command}`))),
          }),
        ),
      ),
    );
  }

  callback(query: CallbackQuery): void {
    const { api, access, buttons, queues, progress } = this.deps;
    const data = 'data' in query ? query.data : undefined;
    const source = query.message;
    const line = data === undefined ? undefined : buttons.decode(data);
    const match = line === undefined ? null : COMMAND_LINE.exec(line);
    if (!source || !match) {
      void api.answerCallback(query.id, 'This button no longer works; type the command instead.', true).catch((error: unknown) => this.logged(error));
      return;
    }
    const chatId = String(source.chat.id);
    const actor = actorOf(query.from);
    const command = match[1]!.toLowerCase();
    const invocation = this.invocation(chatId, actor, command, (match[2] ?? '').trim(), []);
    if (!access.allows(actor.id)) {
      // The refusal goes to the presser alone, not into a chat others read.
      queues.run(`${chatId}#buttons`, () =>
        this.safely(chatId, line!, () =>
          this.deps.router.handle(invocation, { authorised: false, reply: () => api.answerCallback(query.id, access.refusal(actor.id, line), true) }),
        ),
      );
      return;
    }
    queues.run(`${chatId}#buttons`, () =>
      this.safely(chatId, line!, async () => {
        await api.answerCallback(query.id).catch((error: unknown) => this.logged(error));
        // Buttons on ordinary answers (Start / Cancel, a breaker's choices) work once; a progress view's follow its run.
        if (!progress.isProgressMessage(chatId, String(source.message_id))) await api.removeButtons(chatId, source.message_id);
        await this.deps.router.handle(invocation, { authorised: true, reply: (reply) => this.deps.replies.send(chatId, reply, source.message_id) });
      }),
    );
  }

  private invocation(chatId: string, actor: CommandInvocation['actor'], command: string, text: string, files: TelegramFile[]): CommandInvocation {
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

  private welcome(): string {
    const dry = this.deps.services.dryRun ? '[DRY RUN] ' : '';
    return `${dry}zapcast is ready. Send a .csv, .xlsx or .vcf file to import contacts, then /send <list> <message>. /help lists every command (/start <campaign> starts a campaign).`;
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
