import type { Logger } from 'pino';
import type { AppEventBus } from '../core/events.js';
import { clipToCharacters } from '../core/text-clip.js';
import type { Repositories } from '../db/repositories.js';
import { shownText, type InboundKind } from '../db/repos/inbox-repo.js';

/** An inbound message for the operators' chats, with who wrote and what it answers. */
export interface InboxForward {
  inboxId: number;
  sessionName: string;
  /** The conversation's number (the list's), which /reply takes. */
  phone: string;
  name: string | null;
  campaignId: number | null;
  /** The campaign message it answers: its id and the start of its text. */
  answered: { messageId: number; excerpt: string } | null;
  /** As shown: the text, or "[image] caption". */
  text: string;
  optOut: boolean;
  at: number;
}

export interface InboundSeen {
  sessionName: string;
  message: { phone: string; text: string; waMessageId: string; at: number; kind?: InboundKind };
  /** The list numbers WhatsApp answered as this sender. */
  listed: readonly string[];
  /** The latest campaign message that reached them. */
  answered: { id: number; runId: number } | undefined;
  optOut: boolean;
}

/**
 * Keeps what campaign contacts write and hands it to the front-ends. A number
 * no campaign wrote to (and nobody answered) is only counted, unless
 * INBOX_ALL=on; a muted conversation is kept and listed, not forwarded.
 */
export class InboxRecorder {
  constructor(
    private readonly deps: { repos: Repositories; events: AppEventBus; logger: Logger; inboxAll: boolean },
  ) {}

  received(seen: InboundSeen): InboxForward | undefined {
    const { repos, events } = this.deps;
    const { message, answered } = seen;
    const sent = answered ? repos.messages.get(answered.id) : undefined;
    const phone = sent?.phone ?? seen.listed[0] ?? message.phone;
    const known = repos.inbox.conversation(phone);
    if (!sent && !known && !this.deps.inboxAll) {
      repos.inbox.countStranger(seen.sessionName, message.at);
      return undefined;
    }
    const contact = sent?.contactId ? repos.contacts.get(sent.contactId) : undefined;
    const campaignId = answered ? (repos.runs.get(answered.runId)?.campaignId ?? null) : (known?.campaignId ?? null);
    const kind = message.kind ?? 'text';
    const inboxId = repos.inbox.record({
      sessionName: seen.sessionName,
      phone,
      replyPhone: message.phone,
      name: contact?.name ?? null,
      campaignId,
      runId: answered?.runId ?? null,
      answeredMessageId: answered?.id ?? null,
      waMessageId: message.waMessageId,
      kind,
      text: message.text,
      optOut: seen.optOut,
      at: message.at,
    });
    if (known?.muted) return undefined;
    const forward: InboxForward = {
      inboxId,
      sessionName: seen.sessionName,
      phone,
      name: contact?.name ?? known?.name ?? null,
      campaignId,
      answered: sent ? { messageId: sent.id, excerpt: clipToCharacters((sent.body ?? '').replace(/\s+/g, ' ').trim(), 60) } : null,
      text: shownText(kind, message.text),
      optOut: seen.optOut,
      at: message.at,
    };
    events.emit('inbox.message', forward);
    return forward;
  }
}
