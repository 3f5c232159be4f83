import type { Clock, TimerHandle } from '../../core/clock.js';
import type { Button } from '../../core/command.js';
import type { EditOutcome } from './bot-api.js';

export interface MessageContent {
  text: string;
  buttons: Button[];
}

const same = (a: MessageContent, b: MessageContent) => a.text === b.text && JSON.stringify(a.buttons) === JSON.stringify(b.buttons);

export interface ThrottledMessageOptions {
  messageId: number;
  /** What the message shows now. */
  shown: MessageContent;
  /** What it should show; read only when an edit is due, so a burst of changes costs one render. */
  render(): MessageContent;
  edit(messageId: number, content: MessageContent): Promise<EditOutcome>;
  clock: Clock;
  intervalMs: number;
  onError(error: unknown): void;
}

/**
 * One chat message kept up to date by edits: at most one edit per interval,
 * none when the content did not change, never two at once. Telegram refuses
 * (and eventually rate-limits) bots that edit faster.
 */
export class ThrottledMessage {
  readonly messageId: number;
  private shown: MessageContent;
  private lastEditAt: number;
  private dirty = false;
  private timer: TimerHandle | undefined;
  private inFlight: Promise<void> | undefined;
  private closed = false;
  private vanished = false;

  constructor(private readonly options: ThrottledMessageOptions) {
    this.messageId = options.messageId;
    this.shown = options.shown;
    this.lastEditAt = options.clock.now();
  }

  /** True once Telegram said the message no longer exists (deleted, or too old to edit). */
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
    const wait = this.lastEditAt + this.options.intervalMs - this.options.clock.now();
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
      .catch((error: unknown) => this.options.onError(error))
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
