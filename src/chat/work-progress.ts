import type { Logger } from 'pino';
import type { AppEventBus } from '../core/events.js';
import type { Clock } from '../core/clock.js';
import type { ChatSurface } from './chat-surface.js';
import { ThrottledMessage } from './throttled-message.js';

interface Work {
  rows: number;
  /** Sending the first progress message; later updates edit it. */
  opening?: Promise<ThrottledMessage | undefined>;
}

const describe = (rows: number) => `Importing… ${rows.toLocaleString('en-US')} rows read so far.`;

/**
 * Long work (a 100,000-row import) shows its progress in the chat that asked:
 * one message, edited as rows come in, removed when the answer arrives.
 */
export class WorkProgress {
  private readonly working = new Map<string, Work>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: { events: AppEventBus; surface: ChatSurface; clock: Clock; intervalMs: number; logger: Logger }) {}

  start(): void {
    this.unsubscribe = this.deps.events.on('import.progress', ({ key, rows }) => {
      const work = this.working.get(key);
      if (!work) return;
      work.rows = rows;
      if (!work.opening) work.opening = this.open(key, work);
      else void work.opening.then((message) => message?.touch());
    });
  }

  private async open(chatId: string, work: Work): Promise<ThrottledMessage | undefined> {
    const { surface, clock, intervalMs, logger } = this.deps;
    try {
      const text = describe(work.rows);
      const messageId = await surface.sendText(chatId, text);
      return new ThrottledMessage({
        messageId,
        shown: { text, buttons: [] },
        render: () => ({ text: describe(work.rows), buttons: [] }),
        edit: (id, content) => surface.editText(chatId, id, content.text),
        clock,
        intervalMs,
        onError: (error) => logger.warn({ err: error, chatId }, 'work progress not updated'),
      });
    } catch (error) {
      logger.warn({ err: error, chatId }, 'work progress not shown');
      return undefined;
    }
  }

  /** Runs `work` for a chat, showing its progress while it lasts. */
  async around<T>(chatId: string, work: () => Promise<T>): Promise<T> {
    if (this.working.has(chatId)) return work();
    const entry: Work = { rows: 0 };
    this.working.set(chatId, entry);
    try {
      return await work();
    } finally {
      this.working.delete(chatId);
      const message = await entry.opening;
      if (message) {
        message.close();
        await message.settled();
        await this.deps.surface.deleteMessage(chatId, message.messageId).catch((error: unknown) => this.deps.logger.warn({ err: error, chatId }, 'work progress not removed'));
      }
    }
  }

  stop(): void {
    this.unsubscribe?.();
  }
}
