import { statSync } from 'node:fs';
import type { Reply } from '../../core/command.js';
import type { BotApi } from './bot-api.js';
import type { InlineButtons } from './inline-buttons.js';
import type { ProgressMessages } from '../progress-messages.js';
import type { QrMessages } from '../qr-messages.js';

/** Bots may upload documents up to 50 MB. */
const UPLOAD_LIMIT = 50 * 1024 * 1024;

/** How an answer sits in its chat. */
export interface ReplyPlacement {
  /** The message whose button ran the command, so a progress view there is edited in place. */
  pressedMessageId?: number;
  /** The command's message, which a new answer replies to (in groups, where several people talk). */
  replyTo?: number;
}

/** Renders a command's replies at a chat address (a forum topic included). */
export class ReplySender {
  constructor(
    private readonly deps: {
      api: BotApi;
      buttons: InlineButtons;
      progress: ProgressMessages;
      qr: QrMessages;
    },
  ) {}

  async send(chatId: string, reply: Reply, placement: ReplyPlacement = {}): Promise<void> {
    const { api, buttons, progress, qr } = this.deps;
    const post = { replyTo: placement.replyTo };
    switch (reply.kind) {
      case 'text':
        await api.sendText(chatId, reply.text, buttons.keyboard(reply.buttons), post);
        return;
      case 'image':
        if (reply.qrSession) await qr.show(chatId, reply.qrSession, reply.fileName, reply.caption, async () => String(await api.sendPhoto(chatId, reply.png, reply.fileName, reply.caption, post)));
        else await api.sendPhoto(chatId, reply.png, reply.fileName, reply.caption, post);
        return;
      case 'file': {
        const size = statSync(reply.path).size;
        if (size > UPLOAD_LIMIT) {
          await api.sendText(chatId, `${reply.caption ?? reply.fileName}: ${Math.ceil(size / 1048576)} MB is more than Telegram lets a bot send (50 MB). It is on the server at ${reply.path}.`, undefined, post);
          return;
        }
        await api.sendDocument(chatId, reply.path, reply.fileName, reply.caption, post);
        return;
      }
      case 'progress':
        await progress.show(chatId, reply.campaignId, placement.pressedMessageId === undefined ? undefined : String(placement.pressedMessageId));
        return;
    }
  }
}
