import { statSync } from 'node:fs';
import { MessageFlags, type AttachmentPayload, type ButtonInteraction, type ChatInputCommandInteraction, type InteractionEditReplyOptions, type ModalSubmitInteraction } from 'discord.js';
import type { Reply } from '../../core/command.js';
import { splitGraphemes } from '../../core/graphemes.js';
import type { ProgressMessages } from '../progress-messages.js';
import type { QrMessages } from '../qr-messages.js';
import type { ButtonCodec } from './components.js';
import { CONTENT_LIMIT, interactionChat } from './discord-surface.js';

/** What a bot may upload when Discord does not say (interactions carry the server's own limit). */
const DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024;

export type AnsweredInteraction = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

export interface ReplyDeps {
  codec: ButtonCodec;
  progress: ProgressMessages;
  qr: QrMessages;
}

/**
 * Renders a command's replies into an interaction that was deferred: the
 * first fills the deferred answer, the rest follow up. A progress view is an
 * ordinary channel message (an interaction's answer can only be edited for 15
 * minutes); the answer points at it.
 */
export class InteractionReplies {
  private answered = false;
  private readonly ephemeral: boolean;

  constructor(
    private readonly interaction: AnsweredInteraction,
    private readonly deps: ReplyDeps,
    options: { ephemeral: boolean },
  ) {
    this.ephemeral = options.ephemeral;
  }

  /** True once something was said in answer. */
  get anything(): boolean {
    return this.answered;
  }

  /** Shows a message in answer and returns its id on the interaction's webhook. */
  private async say(options: InteractionEditReplyOptions): Promise<string> {
    const payload = { allowedMentions: { parse: [] }, ...options };
    if (!this.answered && this.interaction.isChatInputCommand()) {
      this.answered = true;
      await this.interaction.editReply(payload);
      return '@original';
    }
    this.answered = true;
    const sent = await this.interaction.followUp({ ...payload, ...(this.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) } as Parameters<AnsweredInteraction['followUp']>[0]);
    return sent.id;
  }

  async send(reply: Reply, pressedMessageId?: string): Promise<void> {
    const { codec, progress, qr } = this.deps;
    switch (reply.kind) {
      case 'text': {
        const parts = splitGraphemes(reply.text, CONTENT_LIMIT);
        for (const [index, part] of parts.entries()) {
          await this.say({ content: part, components: index === parts.length - 1 ? codec.rows(reply.buttons) : [] });
        }
        return;
      }
      case 'image': {
        const file: AttachmentPayload = { attachment: reply.png, name: reply.fileName };
        const show = () => this.say({ content: reply.caption ?? '', files: [file] });
        // A QR follows WhatsApp's rotation in this very message, edited through the interaction's webhook.
        if (reply.qrSession) await qr.show(interactionChat(this.interaction.token), reply.qrSession, reply.fileName, reply.caption, show);
        else await show();
        return;
      }
      case 'file': {
        const size = statSync(reply.path).size;
        const limit = this.interaction.attachmentSizeLimit || DEFAULT_UPLOAD_LIMIT;
        if (size > limit) {
          await this.say({
            content: `${reply.caption ?? reply.fileName}: ${Math.ceil(size / 1048576)} MB is more than this server lets a bot upload (${Math.floor(limit / 1048576)} MB). It is on the zapcast server at ${reply.path}.`,
          });
          return;
        }
        await this.say({ content: reply.caption ?? '', files: [{ attachment: reply.path, name: reply.fileName }] });
        return;
      }
      case 'progress': {
        // A form submitted from a message always has its channel.
        const channelId = this.interaction.channelId ?? '';
        await progress.show(channelId, reply.campaignId, pressedMessageId);
        if (pressedMessageId === undefined && !this.answered) {
          const messageId = progress.messageOf(channelId, reply.campaignId);
          const link = messageId && this.interaction.guildId ? ` https://discord.com/channels/${this.interaction.guildId}/${channelId}/${messageId}` : '';
          await this.say({ content: `Campaign ${reply.campaignId}: live progress below.${link}` });
        }
        return;
      }
    }
  }

  /** A deferred answer must not stay "thinking" for ever when a command had nothing to say. */
  async finish(): Promise<void> {
    if (!this.answered && this.interaction.isChatInputCommand()) await this.say({ content: 'Done.' });
  }
}
