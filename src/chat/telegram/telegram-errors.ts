import { TelegramError } from 'telegraf';

/** Errors the Bot API answered with (as opposed to the request never getting an answer). */
export function isTelegramError(error: unknown, code?: number): error is TelegramError {
  return error instanceof TelegramError && (code === undefined || error.code === code);
}

/** "message is not modified": the edit asked for what is already shown. */
export const notModified = (error: unknown) => isTelegramError(error, 400) && /not modified/i.test(error.description);

/** The message was deleted, is too old to edit, or the chat is gone. */
export const gone = (error: unknown) =>
  isTelegramError(error) && [400, 403].includes(error.code) && /not found|can't be edited|cannot be edited|blocked|kicked|chat not found/i.test(error.description);

/** 429 Too Many Requests: the seconds Telegram asks to wait, or undefined for any other error. */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (!isTelegramError(error, 429)) return undefined;
  return Math.max(1, error.parameters?.retry_after ?? 1);
}

/**
 * How a failed call to the Bot API bears on the bot as a whole:
 * - `token refused`: 401, the token is wrong or revoked; trying again will not help;
 * - `conflict`: 409, another process is polling with the same token (or a webhook is set);
 * - `rate limited`: 429, wait `retryAfterMs`;
 * - `unavailable`: no answer, or a 5xx; Telegram or the network is down for now.
 * Anything else is `other`.
 */
export type ApiFailure =
  | { kind: 'token refused'; detail: string }
  | { kind: 'conflict'; detail: string }
  | { kind: 'rate limited'; detail: string; retryAfterMs: number }
  | { kind: 'unavailable'; detail: string }
  | { kind: 'other'; detail: string };

export function classifyFailure(error: unknown): ApiFailure {
  if (isTelegramError(error)) {
    const detail = `${error.code} ${error.description}`;
    if (error.code === 401) return { kind: 'token refused', detail };
    if (error.code === 409) return { kind: 'conflict', detail };
    if (error.code === 429) return { kind: 'rate limited', detail, retryAfterMs: (retryAfterSeconds(error) ?? 1) * 1000 };
    if (error.code >= 500) return { kind: 'unavailable', detail };
    return { kind: 'other', detail };
  }
  // node-fetch's FetchError (refused, reset, DNS) and timeouts: the request got no answer.
  const message = error instanceof Error ? error.message : String(error);
  const reason = /reason: (.*)$/.exec(message)?.[1] ?? message;
  return { kind: 'unavailable', detail: reason };
}
