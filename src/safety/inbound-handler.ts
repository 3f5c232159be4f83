import type { Logger } from 'pino';
import type { AppEventBus } from '../core/events.js';
import { clipToCharacters } from '../core/text-clip.js';
import type { Repositories } from '../db/repositories.js';
import { phoneToJid } from '../whatsapp/transport.js';
import type { InboxRecorder } from '../inbox/inbox-recorder.js';
import type { InboundKind } from '../db/repos/inbox-repo.js';
import { isOptOut } from './opt-out-words.js';

export interface InboundMessage {
  phone: string;
  text: string;
  waMessageId: string;
  at: number;
  kind?: InboundKind;
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
 * campaign it answers. A reply comes from the account's own number, which may
 * not be the one on the list (a Brazilian account registered before the 9th
 * digit): it is matched to the list numbers WhatsApp answered as that account.
 */
export class InboundHandler {
  constructor(
    private readonly repos: Repositories,
    private readonly events: AppEventBus,
    private readonly logger: Logger,
    private readonly settings: InboundSettings,
    private readonly confirm: (phone: string, text: string) => Promise<unknown>,
    /** The inbox: what they wrote, for the operators' chats. */
    private readonly inbox?: InboxRecorder,
  ) {}

  async handle(message: InboundMessage): Promise<'opt-out' | 'reply' | 'ignored'> {
    const { repos, settings } = this;
    if (!repos.inbound.firstSighting(message.waMessageId, message.at)) return 'ignored';
    const listed = repos.contacts.phonesAnsweredAs(phoneToJid(message.phone));
    const answered = repos.inbound.latestSentTo(message.phone, ...listed);
    const optOut = isOptOut(message.text, settings.optOutWords);
    try {
      this.inbox?.received({ sessionName: settings.sessionName, message, listed, answered, optOut });
    } catch (error) {
      // The inbox is for reading; counting the reply and honouring an opt-out matter more.
      this.logger.error({ err: error, session: settings.sessionName }, 'inbound message not kept for the inbox');
    }
    if (!optOut) {
      if (!answered) return 'ignored';
      repos.inbound.recordReply(answered.id, answered.runId, message.at);
      return 'reply';
    }
    // The suppression list holds numbers as the lists do, so every list and campaign sees the opt-out.
    const suppressed = listed.length > 0 ? listed : [message.phone];
    const reason = `replied "${clipToCharacters(message.text.trim(), 60)}"`;
    const added = repos.db.transaction(() => suppressed.filter((phone) => repos.optOuts.add(phone, reason, settings.sessionName, message.at)))();
    if (added.length > 0 && answered) repos.inbound.recordOptOut(answered.runId);
    if (added.length > 0) {
      this.logger.info({ session: settings.sessionName }, 'a recipient opted out');
      this.events.emit('optout.added', { sessionName: settings.sessionName, phone: added[0]!, text: message.text });
      if (settings.optOutReply) {
        // To the number the reply came from: that is where the account is.
        await this.confirm(message.phone, settings.optOutReply).catch((error: unknown) =>
          this.logger.warn({ err: error, session: settings.sessionName }, 'opt-out confirmation not sent'),
        );
      }
    }
    return 'opt-out';
  }
}
