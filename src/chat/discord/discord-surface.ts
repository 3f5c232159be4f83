import { DiscordAPIError, RateLimitError, RESTJSONErrorCodes, Routes, type REST, type RawFile } from 'discord.js';
import type { Button } from '../../core/command.js';
import { clipGraphemes } from '../../core/graphemes.js';
import { RetryLaterError, type ChatSurface, type EditOutcome } from '../chat-surface.js';
import type { ButtonCodec } from './components.js';

/** Discord's limit on a message's text. */
export const CONTENT_LIMIT = 2_000;

/** A chat id for an interaction's own reply, edited through its webhook while the token lives (15 minutes). */
export const interactionChat = (token: string) => `webhook:${token}`;
const WEBHOOK = 'webhook:';

const GONE_CODES: ReadonlySet<number> = new Set([RESTJSONErrorCodes.UnknownMessage, RESTJSONErrorCodes.UnknownChannel, RESTJSONErrorCodes.UnknownWebhook, RESTJSONErrorCodes.InvalidWebhookToken]);

const isGone = (error: unknown) => error instanceof DiscordAPIError && (error.status === 404 || GONE_CODES.has(Number(error.code)));

/**
 * The shared chat views' calls on Discord, through discord.js's REST client:
 * channel messages (progress, notices) and an interaction's own reply (the QR,
 * which only its operator sees). A rate limit on one message's edit is handed
 * back to that message (the REST client is set to reject edit limits rather
 * than queue every other call behind them).
 */
export class DiscordSurface implements ChatSurface {
  constructor(
    /** The current client's REST (a new client is made when a login is retried). */
    private readonly restOf: () => REST,
    private readonly applicationId: () => string,
    private readonly codec: ButtonCodec,
  ) {}

  private get rest(): REST {
    return this.restOf();
  }

  private route(chatId: string, messageId?: string): `/${string}` {
    if (chatId.startsWith(WEBHOOK)) return Routes.webhookMessage(this.applicationId(), chatId.slice(WEBHOOK.length), messageId ?? '@original');
    return messageId === undefined ? Routes.channelMessages(chatId) : Routes.channelMessage(chatId, messageId);
  }

  private body(text: string, buttons?: readonly Button[]) {
    return { content: clipGraphemes(text, CONTENT_LIMIT), components: this.codec.rows(buttons), allowed_mentions: { parse: [] } };
  }

  async sendText(chatId: string, text: string, buttons?: readonly Button[]): Promise<string> {
    if (chatId.startsWith(WEBHOOK)) {
      await this.rest.patch(this.route(chatId, '@original'), { body: this.body(text, buttons), auth: false });
      return '@original';
    }
    const sent = (await this.rest.post(this.route(chatId), { body: this.body(text, buttons) })) as { id: string };
    return sent.id;
  }

  async editText(chatId: string, messageId: string, text: string, buttons?: readonly Button[]): Promise<EditOutcome> {
    try {
      await this.rest.patch(this.route(chatId, messageId), { body: this.body(text, buttons), auth: !chatId.startsWith(WEBHOOK) });
      return 'edited';
    } catch (error) {
      if (isGone(error)) return 'gone';
      if (error instanceof RateLimitError) throw new RetryLaterError(error.retryAfter, error);
      throw error;
    }
  }

  async removeButtons(chatId: string, messageId: string): Promise<void> {
    try {
      await this.rest.patch(this.route(chatId, messageId), { body: { components: [] }, auth: !chatId.startsWith(WEBHOOK) });
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }

  async deleteMessage(chatId: string, messageId: string): Promise<boolean> {
    try {
      await this.rest.delete(this.route(chatId, messageId), { auth: !chatId.startsWith(WEBHOOK) });
      return true;
    } catch (error) {
      if (isGone(error)) return false;
      throw error;
    }
  }

  async sendImage(chatId: string, png: Buffer, fileName: string, caption?: string): Promise<string> {
    const files: RawFile[] = [{ name: fileName, data: png, contentType: 'image/png' }];
    const body = { content: caption === undefined ? '' : clipGraphemes(caption, CONTENT_LIMIT), attachments: [{ id: 0, filename: fileName }], allowed_mentions: { parse: [] } };
    if (chatId.startsWith(WEBHOOK)) {
      await this.rest.patch(this.route(chatId, '@original'), { body, files, auth: false });
      return '@original';
    }
    const sent = (await this.rest.post(this.route(chatId), { body, files })) as { id: string };
    return sent.id;
  }

  /** Discord edits the picture in place: the message keeps its id and its place in the channel. */
  async replaceImage(chatId: string, messageId: string, png: Buffer, fileName: string, caption?: string): Promise<string> {
    const body = { content: caption === undefined ? '' : clipGraphemes(caption, CONTENT_LIMIT), attachments: [{ id: 0, filename: fileName }] };
    await this.rest.patch(this.route(chatId, messageId), { body, files: [{ name: fileName, data: png, contentType: 'image/png' }], auth: !chatId.startsWith(WEBHOOK) });
    return messageId;
  }

  async replaceWithText(chatId: string, messageId: string, text: string): Promise<void> {
    await this.rest.patch(this.route(chatId, messageId), { body: { content: clipGraphemes(text, CONTENT_LIMIT), attachments: [], components: [] }, auth: !chatId.startsWith(WEBHOOK) });
  }
}
