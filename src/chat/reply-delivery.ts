import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { text, type Reply } from '../core/command.js';

export interface ReplyChannels {
  /** Shows a reply where the command was given. */
  reply(reply: Reply): Promise<void>;
  /**
   * Present when that chat is shared (a group): shows a reply to the person
   * who gave the command, in a private chat. Throws when it cannot (they never
   * opened one with the bot).
   */
  replyPrivately?: (reply: Reply) => Promise<void>;
}

export const SENT_PRIVATELY = 'Sent to you privately: linking material (the QR code, the pairing code) is only shown in a private chat.';
export const PRIVATE_CHAT_CLOSED =
  'This is only shown in a private chat, and I could not write to you there: open a private chat with me (press Start), then ask again there.';

/**
 * Shows a command's answers. An answer that cannot be shown (the platform
 * refused it, the network failed) is logged and remembered, never thrown: the
 * command did its work, and must not look as if it failed. Linking material
 * asked for in a group goes to the asker privately.
 */
export class ReplyDelivery {
  private readonly refs: string[] = [];

  constructor(
    private readonly channels: ReplyChannels,
    private readonly logger: Logger,
    private readonly command: string,
  ) {}

  /** References (in the log) of the answers that could not be shown. */
  get failures(): readonly string[] {
    return this.refs;
  }

  async deliver(reply: Reply): Promise<void> {
    try {
      if ((reply.kind === 'text' || reply.kind === 'image') && reply.privateOnly && this.channels.replyPrivately) await this.privately(reply, this.channels.replyPrivately);
      else await this.channels.reply(reply);
    } catch (error) {
      const ref = randomBytes(3).toString('hex');
      this.refs.push(ref);
      this.logger.warn({ err: error, ref, command: this.command, reply: reply.kind }, 'an answer to a command could not be shown');
    }
  }

  private async privately(reply: Reply, replyPrivately: (reply: Reply) => Promise<void>): Promise<void> {
    try {
      await replyPrivately(reply);
    } catch (error) {
      this.logger.info({ err: error, command: this.command }, 'linking material not sent: no private chat with the asker');
      await this.channels.reply(text(PRIVATE_CHAT_CLOSED));
      return;
    }
    await this.channels.reply(text(SENT_PRIVATELY));
  }

  /** After the command: if an answer was lost, a short note so the chat knows the command itself was done. */
  async noteFailures(commandLine: string): Promise<void> {
    if (this.refs.length === 0) return;
    await this.channels
      .reply(text(`${commandLine} was done, but part of its answer could not be shown here (ref ${this.refs.join(', ')}; the details are in the log).`))
      .catch((error: unknown) => this.logger.warn({ err: error, command: this.command }, 'the note about a lost answer could not be shown either'));
  }
}
