import type { AnyMessageContent, WAMessage } from 'baileys';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.js';
import type { ExistenceAnswer, MediaContent, SendOptions, SendResult } from '../transport.js';
import { checkExistence } from './existence-check.js';
import { mediaMessage } from './media-content.js';
import { toSendError } from './send-errors.js';
import { LinkPreviews } from './link-previews.js';
import { Presence } from './presence.js';
import { SentMessages } from './sent-messages.js';
import type { BaileysSocket } from './socket-port.js';
import type { BaileysTransportOptions } from './transport-options.js';

export interface OutboxDeps {
  clock: Clock;
  logger: Logger;
  sent: SentMessages;
  presence: Presence;
  linkPreviews: LinkPreviews;
  /** The transport's open socket; throws NotConnectedError when the link is not open. */
  openSocket(): BaileysSocket;
  /** Whether `socket` is still the transport's open socket (failures after it went away mean "not connected"). */
  stillOpen(socket: BaileysSocket): boolean;
}

/** What the transport sends and asks through the open socket: messages, existence checks, typing. */
export class Outbox {
  constructor(private readonly deps: OutboxDeps) {}

  async sendText(jid: string, text: string, options: SendOptions): Promise<SendResult> {
    return this.send(jid, await this.deps.linkPreviews.textMessage(text), options.messageId);
  }

  sendMedia(jid: string, media: MediaContent, options: SendOptions): Promise<SendResult> {
    return this.send(jid, mediaMessage(media), options.messageId);
  }

  /** Sends with the id generated and stored before the send, so receipts match it, and keeps the message Baileys built. */
  private async send(jid: string, content: AnyMessageContent, messageId: string): Promise<SendResult> {
    const socket = this.deps.openSocket();
    await this.deps.presence.active(socket, this.deps.stillOpen);
    let sent: WAMessage | undefined;
    try {
      sent = await socket.sendMessage(jid, content, { messageId });
    } catch (error) {
      throw toSendError(error, this.deps.stillOpen(socket));
    }
    this.deps.sent.remember(sent);
    return { waMessageId: sent?.key.id ?? messageId, at: this.deps.clock.now() };
  }

  async exists(phones: string[]): Promise<Map<string, ExistenceAnswer>> {
    const socket = this.deps.openSocket();
    try {
      return await checkExistence(socket, phones);
    } catch (error) {
      throw toSendError(error, this.deps.stillOpen(socket));
    }
  }

  /**
   * "typing…" in the recipient's chat for `ms` on the Clock, then cleared, from
   * an account announced available (WhatsApp shows it from no other). No
   * presence subscription: a new recipient's presence is none of our business,
   * and subscribing to every cold number is one more request per message. It
   * is decoration: a presence update that fails is logged, and the wait still
   * happens so pacing stays the same.
   */
  async typing(jid: string, ms: number): Promise<void> {
    const { clock, logger, stillOpen } = this.deps;
    const socket = this.deps.openSocket();
    try {
      await this.deps.presence.active(socket, stillOpen);
      await socket.sendPresenceUpdate('composing', jid);
    } catch (error) {
      logger.debug({ err: error }, 'typing indicator not shown');
    }
    if (ms > 0) await clock.sleep(ms);
    if (!stillOpen(socket)) return;
    await socket.sendPresenceUpdate('paused', jid).catch((error: unknown) => logger.debug({ err: error }, 'typing indicator not cleared'));
  }
}

/** A session's outbox and the parts of it the link also needs: the sent messages (for getMessage) and the presence (reset with each socket). */
export function outboxFor(
  options: BaileysTransportOptions,
  logger: Logger,
  link: Pick<OutboxDeps, 'openSocket' | 'stillOpen'>,
): { outbox: Outbox; sent: SentMessages; presence: Presence } {
  const sent = new SentMessages(options.sentContents, options.clock, logger);
  const presence = new Presence(options.clock, logger);
  const linkPreviews = new LinkPreviews(options.linkPreviews ?? true, options.clock, logger, options.fetchLinkPreview);
  return { outbox: new Outbox({ clock: options.clock, logger, sent, presence, linkPreviews, ...link }), sent, presence };
}
