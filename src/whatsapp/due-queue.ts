import type { Clock, TimerHandle } from '../core/clock.js';

/**
 * Values handed over when they fall due, in the order they were added, on one
 * timer. For things added with the same delay each (the dry run's receipts:
 * two per message sent), so the order added is the order due: a timer and a
 * closure per receipt would keep thousands of each alive at full speed.
 */
export class DueQueue<T> {
  private items: { at: number; value: T }[] = [];
  private head = 0;
  private timer: TimerHandle | undefined;
  private firing = false;

  constructor(
    private readonly clock: Clock,
    private readonly deliver: (value: T) => void,
  ) {}

  /** `at` must not be earlier than that of any value already waiting. */
  add(at: number, value: T): void {
    this.items.push({ at, value });
    if (!this.timer && !this.firing) this.arm();
  }

  get waiting(): number {
    return this.items.length - this.head;
  }

  clear(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.items = [];
    this.head = 0;
  }

  private arm(): void {
    const next = this.items[this.head];
    if (!next) {
      this.items = [];
      this.head = 0;
      return;
    }
    this.timer = this.clock.setTimer(Math.max(0, next.at - this.clock.now()), () => this.fire());
  }

  private fire(): void {
    this.timer = undefined;
    this.firing = true;
    try {
      const now = this.clock.now();
      while (this.head < this.items.length && this.items[this.head]!.at <= now) this.deliver(this.items[this.head++]!.value);
    } finally {
      this.firing = false;
      // Handed-over entries are dropped in one go once they are most of the array.
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      if (!this.timer) this.arm();
    }
  }
}
