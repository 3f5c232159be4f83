import type { Clock, TimerHandle } from '../core/clock.js';
import type { Button } from '../core/command.js';
import { RetryLaterError, type EditOutcome } from './chat-surface.js';

export interface MessageContent {
  text: string;
  buttons: Button[];
}

const same = (a: MessageContent, b: MessageContent) => a.text === b.text && JSON.stringify(a.buttons) === JSON.stringify(b.buttons);

export interface ThrottledMessageOptions {
  messageId: string;
  /** What the message shows now. */
  shown: MessageContent;
  /** What it should show; read only when an edit is due, so a burst of changes costs one render. */
  render(): MessageContent;
  edit(messageId: string, content: MessageContent): Promise<EditOutcome>;
  clock: Clock;
  /** Least time between two edits; read before each, so a view may slow down as it ages. */
  intervalMs: number | (() => number);
  onError(error: unknown): void;
}

/**
 * One chat message kept up to date by edits: at most one edit per interval,
 * none when the content did not change, never two at once, the latest content
 * winning. Chat platforms refuse (and rate-limit) bots that edit faster; when
 * one asks this message to wait, only this message waits.
 */
export class ThrottledMessage {
  readonly messageId: string;
  private shown: MessageContent;
  private lastEditAt: number;
  private dirty = false;
  private timer: TimerHandle | undefined;
  private inFlight: Promise<void> | undefined;
  private closed = false;
  private vanished = false;
  /** Set by a rate limit on this message: no edit before then. */
  private notBefore = 0;

  constructor(private readonly options: ThrottledMessageOptions) {
    this.messageId = options.messageId;
    this.shown = options.shown;
    this.lastEditAt = options.clock.now();
  }

  private interval(): number {
    const { intervalMs } = this.options;
    return typeof intervalMs === 'function' ? intervalMs() : intervalMs;
  }

  /** True once the platform said the message no longer exists (deleted, or too old to edit). */
  get gone(): boolean {
    return this.vanished;
  }

  /** The content may have changed: edit when the interval allows. */
  touch(): void {
    if (this.closed || this.vanished) return;
    this.dirty = true;
    this.schedule();
  }

  private schedule(): void {
    if (!this.dirty || this.timer || this.inFlight || this.closed) return;
    const wait = Math.max(this.lastEditAt + this.interval(), this.notBefore) - this.options.clock.now();
    if (wait <= 0) this.flush();
    else
      this.timer = this.options.clock.setTimer(wait, () => {
        this.timer = undefined;
        this.flush();
      });
  }

  private flush(): void {
    this.dirty = false;
    let next: MessageContent;
    try {
      next = this.options.render();
    } catch (error) {
      this.options.onError(error);
      return;
    }
    if (same(next, this.shown)) return;
    this.lastEditAt = this.options.clock.now();
    this.inFlight = this.options
      .edit(this.messageId, next)
      .then((outcome) => {
        if (outcome === 'gone') this.vanished = true;
        else this.shown = next;
      })
      .catch((error: unknown) => {
        if (error instanceof RetryLaterError) {
          // The content was not shown: edit again once the wait is over.
          this.notBefore = this.options.clock.now() + error.retryAfterMs;
          this.dirty = true;
        } else this.options.onError(error);
      })
      .finally(() => {
        this.inFlight = undefined;
        this.schedule();
      });
  }

  /** Resolves when no edit is running or due (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  /** Stops editing: pending changes are dropped. */
  close(): void {
    this.closed = true;
    this.timer?.cancel();
    this.timer = undefined;
  }
}
