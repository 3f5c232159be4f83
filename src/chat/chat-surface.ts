import type { Button } from '../core/command.js';

export type EditOutcome = 'edited' | 'unchanged' | 'gone';

/**
 * The few things the shared chat views (progress, QR, work in progress) need
 * from a chat platform. Message ids are strings: Telegram's are numbers,
 * Discord's snowflakes. Each platform keeps its own limits and rate rules
 * behind these calls.
 */
export interface ChatSurface {
  sendText(chatId: string, text: string, buttons?: readonly Button[]): Promise<string>;
  /** 'gone' when the message was deleted or can no longer be edited. */
  editText(chatId: string, messageId: string, text: string, buttons?: readonly Button[]): Promise<EditOutcome>;
  removeButtons(chatId: string, messageId: string): Promise<void>;
  /** False when the message was already gone. */
  deleteMessage(chatId: string, messageId: string): Promise<boolean>;
  sendImage(chatId: string, png: Buffer, fileName: string, caption?: string): Promise<string>;
  /**
   * Shows a new picture in place of a message's: Telegram sends a new photo and
   * deletes the old one (so the chat is never without it), Discord edits the
   * message's attachment. Returns the id the picture now has.
   */
  replaceImage(chatId: string, messageId: string, png: Buffer, fileName: string, caption?: string): Promise<string>;
  /** Puts a text where a picture was (the QR, once the link is up). */
  replaceWithText(chatId: string, messageId: string, text: string): Promise<void>;
}

/**
 * The platform asked this one message to wait (a rate limit on it alone):
 * its next edit waits, nothing else does.
 */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
  constructor(
    readonly retryAfterMs: number,
    cause?: unknown,
  ) {
    super(`rate limited; retry after ${retryAfterMs} ms`, { cause });
  }
}
