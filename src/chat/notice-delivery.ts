import type { Logger } from 'pino';
import type { ChatSurface } from './chat-surface.js';
import { ChatQueues } from './chat-queues.js';
import type { OperatorNotice } from './notifications/operator-notifications.js';
import type { ProgressMessages } from './progress-messages.js';
import type { QrMessages } from './qr-messages.js';

export interface NoticeDeliveryDeps {
  surface: ChatSurface;
  qr: QrMessages;
  progress: ProgressMessages;
  logger: Logger;
  /** Where notices go now: operators' private chats, or a notice channel. */
  targets(): Promise<string[]>;
  /** A chat that refused a notice (the bot was blocked, the user takes no DMs); the others still get theirs. */
  undeliverable(chatId: string, error: unknown, notice: OperatorNotice): void;
}

/**
 * Puts operator notices in their chats, one chat after another per chat and
 * chats in parallel, so a slow or refusing chat holds up nobody else. A chat
 * watching the QR picture hears about its link there instead.
 */
export class NoticeDelivery {
  private readonly deliveries = new ChatQueues();

  constructor(private readonly deps: NoticeDeliveryDeps) {}

  deliver(notice: OperatorNotice): void {
    const { qr, logger } = this.deps;
    const following = notice.sessionName ? qr.chatsFollowing(notice.sessionName) : new Set<string>();
    this.deliveries.run('targets', async () => {
      let targets: string[];
      try {
        targets = await this.deps.targets();
      } catch (error) {
        logger.warn({ err: error, kind: notice.kind }, 'operator notice not delivered: its chats could not be found');
        return;
      }
      for (const chatId of targets) {
        if ((notice.kind === 'link-up' || notice.kind === 'link-needed') && following.has(chatId)) continue;
        this.deliveries.run(chatId, () => this.deliverTo(chatId, notice));
      }
    });
  }

  private async deliverTo(chatId: string, notice: OperatorNotice): Promise<void> {
    try {
      await this.deps.surface.sendText(chatId, notice.text, notice.buttons);
      if (notice.progressCampaignId !== undefined) await this.deps.progress.show(chatId, notice.progressCampaignId);
    } catch (error) {
      this.deps.undeliverable(chatId, error, notice);
    }
  }

  /** Resolves when every notice handed over so far is delivered or given up. */
  idle(): Promise<void> {
    return this.deliveries.idle();
  }
}
