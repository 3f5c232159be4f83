import type { Clock } from '../../core/clock.js';
import { isGroupChat } from './chat-address.js';

/** At most `limit` messages posted or edited in a chat within any `windowMs`. */
export interface ChatBudget {
  limit: number;
  windowMs: number;
}

export interface ChatBudgets {
  private: ChatBudget;
  group: ChatBudget;
}

/**
 * Telegram's published limits: about one message a second in a private chat
 * and 20 a minute in a group. Edits count like messages; past the limit the
 * chat gets 429s.
 */
export const TELEGRAM_CHAT_BUDGETS: ChatBudgets = {
  private: { limit: 60, windowMs: 60_000 },
  group: { limit: 20, windowMs: 60_000 },
};

/**
 * What a request does to a chat:
 * - `post`: a new message (or a change someone asked for, like removing pressed
 *   buttons); counted against the chat's budget but never delayed by it, since
 *   someone is waiting for it;
 * - `edit`: a progress update; counted, and made to wait while the chat's budget
 *   is spent, so live views share what the chat allows instead of earning 429s;
 * - `other`: not counted (deletions).
 * Every kind waits while the chat is held after a 429.
 */
export type ChatRequestKind = 'post' | 'edit' | 'other';

/**
 * Per-chat pacing of Bot API requests: a 429 holds only the chat it came
 * from (other chats, and requests with no chat such as button answers, go on),
 * and edits are budgeted per chat.
 */
export class ChatRateLimits {
  private readonly heldUntil = new Map<string, number>();
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly signal: AbortSignal,
    private readonly budgets: ChatBudgets = TELEGRAM_CHAT_BUDGETS,
  ) {}

  /** Telegram answered 429 for this chat: nothing more goes to it for `ms`. */
  hold(chatId: string, ms: number): void {
    this.heldUntil.set(chatId, Math.max(this.heldUntil.get(chatId) ?? 0, this.clock.now() + ms));
  }

  /** Resolves when a request of this kind may go to the chat, and counts it. */
  async acquire(chatId: string, kind: ChatRequestKind): Promise<void> {
    for (;;) {
      const wait = Math.max(this.holdLeft(chatId), kind === 'edit' ? this.budgetWait(chatId) : 0);
      if (wait <= 0) break;
      await this.clock.sleep(wait, this.signal);
    }
    this.heldUntil.delete(chatId);
    if (kind !== 'other') this.timesOf(chatId).push(this.clock.now());
  }

  private holdLeft(chatId: string): number {
    return (this.heldUntil.get(chatId) ?? 0) - this.clock.now();
  }

  private budgetWait(chatId: string): number {
    const { limit, windowMs } = isGroupChat(chatId) ? this.budgets.group : this.budgets.private;
    const times = this.timesOf(chatId);
    if (times.length < limit) return 0;
    return times[times.length - limit]! + windowMs - this.clock.now();
  }

  /** The chat's request times within its window (older ones are dropped as they are read). */
  private timesOf(chatId: string): number[] {
    const { windowMs, limit } = isGroupChat(chatId) ? this.budgets.group : this.budgets.private;
    const since = this.clock.now() - windowMs;
    const kept = (this.recent.get(chatId) ?? []).filter((at) => at > since).slice(-limit);
    this.recent.set(chatId, kept);
    return kept;
  }
}
