import type { Logger } from 'pino';
import type { AppEventBus } from '../core/events.js';
import { clipToCharacters } from '../core/text-clip.js';
import type { Repositories } from '../db/repositories.js';
import { isOptOut } from './opt-out-words.js';

export interface InboundMessage {
  phone: string;
  text: string;
  waMessageId: string;
  at: number;
}

export interface InboundSettings {
  sessionName: string;
  optOutWords: readonly string[];
  /** Sent once to a number that just opted out; empty = no confirmation. */
  optOutReply: string | undefined;
}

/**
 * Replies from recipients: opt-out words put the number on the suppression list
 * (honoured by every campaign on every number: messages already queued for it
 * are skipped when their turn comes); anything else counts as a reply on the
 * campaign it answers.
 */
export class InboundHandler {
  constructor(
    private readonly repos: Repositories,
    private readonly events: AppEventBus,
    private readonly logger: Logger,
    private readonly settings: InboundSettings,
    private readonly confirm: (phone: string, text: string) => Promise<unknown>,
  ) {}

  async handle(message: InboundMessage): Promise<'opt-out' | 'reply' | 'ignored'> {
    const { repos, settings } = this;
    if (!repos.inbound.firstSighting(message.waMessageId, message.at)) return 'ignored';
    const answered = repos.inbound.latestSentTo(message.phone);
    if (!isOptOut(message.text, settings.optOutWords)) {
      if (!answered) return 'ignored';
      repos.inbound.recordReply(answered.id, answered.runId, message.at);
      return 'reply';
    }
    const added = repos.optOuts.add(message.phone, `replied "${clipToCharacters(message.text.trim(), 60)}"`, settings.sessionName, message.at);
    if (added && answered) repos.inbound.recordOptOut(answered.runId);
    if (added) {
      this.logger.info({ session: settings.sessionName }, 'a recipient opted out');
      this.events.emit('optout.added', { sessionName: settings.sessionName, phone: message.phone, text: message.text });
      if (settings.optOutReply) {
        await this.confirm(message.phone, settings.optOutReply).catch((error: unknown) =>
          this.logger.warn({ err: error, session: settings.sessionName }, 'opt-out confirmation not sent'),
        );
      }
    }
    return 'opt-out';
  }
}
