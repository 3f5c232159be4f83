import type { Logger } from 'pino';
import type { AppServices } from '../app-services.js';
import { qrToPng } from '../whatsapp/qr-render.js';
import type { ChatSurface } from './chat-surface.js';

interface LiveQr {
  chatId: string;
  sessionName: string;
  messageId: string;
  fileName: string;
  caption: string | undefined;
  /** Set when the link came up or closed: the photo is on its way out. */
  ended: boolean;
}

/**
 * The login QR pictures shown by /qr, one per chat. As WhatsApp rotates the
 * code the picture is replaced (the chat is never without a code); when the
 * link is up the picture gives way to a line saying which number linked.
 */
export class QrMessages {
  private readonly live = new Map<string, LiveQr>();
  private chain: Promise<void> = Promise.resolve();
  private readonly unsubscribers: (() => void)[] = [];

  constructor(private readonly deps: { services: AppServices; surface: ChatSurface; logger: Logger }) {}

  start(): void {
    const { events } = this.deps.services;
    this.unsubscribers.push(
      events.on('link.qr', ({ sessionName, code }) => this.enqueue(() => this.rotate(sessionName, code))),
      events.on('link.open', ({ sessionName, phone }) => this.end(sessionName, this.linkedText(sessionName, phone))),
      events.on('link.close', ({ sessionName, reason, willReconnect }) => {
        if (!willReconnect) this.end(sessionName, `WhatsApp ${sessionName} closed the link (${reason}); that QR code is no longer valid. Send /qr for a new one.`);
      }),
    );
  }

  private linkedText(sessionName: string, phone: string | null): string {
    const dry = this.deps.services.dryRun ? '[DRY RUN] ' : '';
    return `${dry}WhatsApp ${sessionName} is linked${phone ? ` as ${phone}` : ''}. The QR code is no longer needed.`;
  }

  /** Chats whose QR photo follows this session right now (they hear about the link here, not as a notification). */
  chatsFollowing(sessionName: string): Set<string> {
    return new Set([...this.live.values()].filter((entry) => entry.sessionName === sessionName).map((entry) => entry.chatId));
  }

  /**
   * Follows the QR picture a chat shows, replacing the one it showed before.
   * `sent` sends the picture (or says which message already shows it).
   */
  show(chatId: string, sessionName: string, fileName: string, caption: string | undefined, sent: () => Promise<string>): Promise<void> {
    return this.enqueue(async () => {
      const messageId = await sent();
      const previous = this.live.get(chatId);
      this.live.set(chatId, { chatId, sessionName, messageId, fileName, caption, ended: false });
      if (previous && previous.messageId !== messageId) await this.deps.surface.deleteMessage(chatId, previous.messageId);
      // The link may have come up while the photo was on its way.
      const status = this.deps.services.links.status(sessionName);
      if (status?.state === 'open') this.end(sessionName, this.linkedText(sessionName, status.phone));
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work);
    this.chain = next.catch((error: unknown) => this.deps.logger.warn({ err: error }, 'QR message not updated'));
    return next;
  }

  private async rotate(sessionName: string, code: string): Promise<void> {
    const following = [...this.live.values()].filter((entry) => entry.sessionName === sessionName && !entry.ended);
    if (following.length === 0) return;
    const png = await qrToPng(code);
    await this.forEach(following, async (entry) => {
      entry.messageId = await this.deps.surface.replaceImage(entry.chatId, entry.messageId, png, entry.fileName, entry.caption);
    });
  }

  /** One chat failing (the bot was blocked, say) must not keep the others stale. */
  private async forEach(entries: LiveQr[], work: (entry: LiveQr) => Promise<void>): Promise<void> {
    for (const entry of entries) {
      try {
        await work(entry);
      } catch (error) {
        this.deps.logger.warn({ err: error, chatId: entry.chatId }, 'QR message not updated');
      }
    }
  }

  private end(sessionName: string, text: string): void {
    const ending = [...this.live.values()].filter((entry) => entry.sessionName === sessionName && !entry.ended);
    for (const entry of ending) entry.ended = true;
    void this.enqueue(() =>
      this.forEach(ending, async (entry) => {
        if (this.live.get(entry.chatId) === entry) this.live.delete(entry.chatId);
        await this.deps.surface.replaceWithText(entry.chatId, entry.messageId, text);
      }),
    );
  }

  async settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.chain;
      await current;
    } while (current !== this.chain);
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    await this.settled();
    this.live.clear();
  }
}
