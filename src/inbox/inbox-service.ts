import type { AppServices } from '../app-services.js';
import { ZapcastError } from '../core/errors.js';
import { formatLocal } from '../core/zoned-time.js';
import type { Conversation } from '../db/repos/inbox-repo.js';
import { formatHolds, holdsAt } from '../dispatch/holds.js';
import { phoneToJid } from '../whatsapp/transport.js';

/** Someone who never wrote (or a name nobody who wrote has): /reply answers only people who wrote in. */
export class NoConversationError extends ZapcastError {
  override name = 'NoConversationError';
}

type InboxServices = Pick<AppServices, 'repos' | 'dispatcher' | 'clock' | 'config' | 'dryRun'>;

/** "Ana (+5511912345678)", or the number alone. */
export function who(conversation: Pick<Conversation, 'name' | 'phone'>): string {
  return conversation.name ? `${conversation.name} (${conversation.phone})` : conversation.phone;
}

/** The conversation a /reply names: a number (as typed, in the default country) or a contact's name. */
export async function findConversation(services: InboxServices, target: string): Promise<Conversation> {
  const typed = target.trim();
  const { repos } = services;
  if (/^[+\d(][\d\s()+-]*$/.test(typed)) {
    // The phone metadata loads on the first /reply by number, not at every start.
    const { phoneArgument } = await import('../contacts/phone-argument.js');
    const phone = phoneArgument(typed, services.config.defaultCountry);
    const found = repos.inbox.conversation(phone);
    if (!found) throw new NoConversationError(`${phone} never wrote to zapcast's WhatsApp; /reply answers people who wrote in (see /inbox). Nothing was sent.`);
    return found;
  }
  const named = repos.inbox.byName(typed);
  if (named.length === 0) throw new NoConversationError(`Nobody called "${typed}" wrote in; /reply takes a number or the name of someone in /inbox. Nothing was sent.`);
  if (named.length > 1) throw new ZapcastError(`More than one "${typed}" wrote in (${named.map((c) => c.phone).join(', ')}); reply by number. Nothing was sent.`);
  return named[0]!;
}

/**
 * Queues an operator's answer from the number the person wrote to. It goes
 * out through that number's send loop (paced, capped, not while the breaker
 * holds it); refused at once, with nothing queued, when it could not go at all.
 */
export function queueReply(services: InboxServices, conversation: Conversation, body: string, operator: string): string {
  const { repos, dispatcher, clock, config } = services;
  const text = body.trim();
  if (text === '') throw new ZapcastError(`Write the answer after the number: /reply ${conversation.phone} <text>.`);
  if (repos.optOuts.has(conversation.phone) || repos.optOuts.has(conversation.replyPhone)) {
    throw new ZapcastError(`${who(conversation)} has opted out; zapcast will not message them. Nothing was sent.`);
  }
  const sender = dispatcher.resolve(conversation.sessionName);
  const lane = sender.replies;
  if (!lane) throw new ZapcastError(`WhatsApp number ${conversation.sessionName} cannot send answers.`);
  const breaker = lane.held();
  if (breaker !== null) {
    throw new ZapcastError(`The safety breaker holds WhatsApp ${conversation.sessionName} (${breaker}); answer after /breaker resume ${conversation.sessionName}. Nothing was sent.`);
  }
  const now = clock.now();
  const queued = lane.enqueue({ phone: conversation.phone, replyJid: phoneToJid(conversation.replyPhone), body: text, operator, at: now });
  dispatcher.wake(conversation.sessionName);
  const holds = holdsAt(now, { quietHours: config.quietHours, timeZone: config.timeZone, dailyCap: sender.dailyCap });
  const when =
    holds.length > 0
      ? ` It waits: ${formatHolds(holds, now, config.timeZone)}.`
      : sender.transport.state !== 'open'
        ? ` It goes when WhatsApp ${conversation.sessionName} is linked again (${sender.transport.state}).`
        : ` It goes out at the number's pace.`;
  return `${services.dryRun ? '[DRY RUN] ' : ''}Answer to ${who(conversation)} queued (message id ${queued.waMessageId}).${when}`;
}

/** /inbox: who wrote and has not been answered, newest first. */
export function inboxLines(services: InboxServices, campaignId: number | undefined): string[] {
  const { repos, config } = services;
  const open = repos.inbox.unanswered(campaignId);
  const lines = open.map((c) => {
    const campaign = c.campaignId !== null ? `campaign ${c.campaignId}` : 'no campaign';
    const flags = [c.lastOptOut ? 'opted out' : '', c.muted ? 'muted' : ''].filter(Boolean).join(', ');
    return `${who(c)}, ${campaign}, ${formatLocal(c.lastInAt, config.timeZone)}: "${c.lastText}"${flags ? ` [${flags}]` : ''}`;
  });
  const scope = campaignId === undefined ? '' : ` of campaign ${campaignId}`;
  const head = open.length === 0 ? `No unanswered conversations${scope}.` : `Unanswered conversations${scope} (${open.length}${open.length === 50 ? ', the latest 50' : ''}):`;
  const strangers = repos.inbox.strangers();
  const tail =
    strangers > 0 && !config.inboxAll
      ? [`${strangers} message${strangers === 1 ? '' : 's'} from numbers no campaign wrote to ${strangers === 1 ? 'was' : 'were'} counted, not forwarded (INBOX_ALL=off).`]
      : [];
  return [head, ...lines, ...(open.length > 0 ? ['Answer with /reply <phone> <text>.'] : []), ...tail];
}
