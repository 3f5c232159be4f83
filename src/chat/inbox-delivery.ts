import type { Logger } from 'pino';
import type { AppServices } from '../app-services.js';
import type { InboxForward } from '../inbox/inbox-recorder.js';
import { forwardButtons, forwardText } from '../inbox/forward-text.js';
import type { ChatSurface } from './chat-surface.js';
import { ChatQueues } from './chat-queues.js';

export interface InboxDeliveryDeps {
  services: Pick<AppServices, 'repos' | 'events' | 'dryRun'>;
  surface: ChatSurface;
  /** 'telegram' or 'discord': forwards are remembered per platform, so an answer to one finds its conversation. */
  platform: string;
  logger: Logger;
  /** The chats the inbox goes to now (an inbox chat or channel, or the operators' private chats). */
  targets(): Promise<string[]>;
  /**
   * Where in a chat this contact's messages go: a forum topic or thread of
   * their own, opened on first use; the chat itself where the platform or
   * the chat has none.
   */
  placeFor?(chatId: string, forward: InboxForward): Promise<string>;
}

/**
 * Puts what recipients write in the operators' chats with Reply / Opt out /
 * Mute buttons, one forward after another per chat, and remembers each
 * forward so that answering it in the chat answers that person.
 */
export class InboxDelivery {
  private readonly deliveries = new ChatQueues();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: InboxDeliveryDeps) {}

  start(): void {
    this.unsubscribe = this.deps.services.events.on('inbox.message', (forward) => this.deliver(forward));
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  deliver(forward: InboxForward): void {
    const { logger } = this.deps;
    this.deliveries.run('targets', async () => {
      let targets: string[];
      try {
        targets = await this.deps.targets();
      } catch (error) {
        logger.warn({ err: error }, 'inbox message not forwarded: its chats could not be found');
        return;
      }
      for (const chatId of targets) this.deliveries.run(chatId, () => this.deliverTo(chatId, forward));
    });
  }

  private async deliverTo(chatId: string, forward: InboxForward): Promise<void> {
    const { surface, services, platform, logger } = this.deps;
    try {
      const place = this.deps.placeFor ? await this.deps.placeFor(chatId, forward) : chatId;
      const messageId = await surface.sendText(place, forwardText(forward, services.dryRun), forwardButtons(forward));
      services.repos.inbox.rememberChatMessage(platform, place, messageId, forward.phone);
    } catch (error) {
      logger.warn({ err: error, chatId }, 'inbox message not forwarded to a chat');
    }
  }

  /** Resolves when every forward handed over so far is delivered or given up. */
  idle(): Promise<void> {
    return this.deliveries.idle();
  }
}
