import type { Clock, TimerHandle } from '../../core/clock.js';
import type { Random } from '../../core/random.js';
import type { RetryInfo } from '../transport.js';
import { DEFAULT_RECONNECT, reconnectDelay, type ReconnectPolicy } from './reconnect-backoff.js';

/** The attempts to bring a lost link back: how many so far, the current delay, and its timer on the Clock. */
export class ReconnectSchedule {
  private attempt = 0;
  private timer: TimerHandle | undefined;
  private info: RetryInfo | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly policy: ReconnectPolicy = DEFAULT_RECONNECT,
  ) {}

  /** The attempt waiting or under way; null when the link is not being re-established. */
  get current(): RetryInfo | null {
    return this.info;
  }

  /** Waits the next, longer delay, then calls `attempt`. */
  next(attempt: () => void): RetryInfo {
    this.cancel();
    this.attempt++;
    const delayMs = reconnectDelay(this.attempt, this.random, this.policy);
    this.info = { attempt: this.attempt, delayMs, at: this.clock.now() + delayMs };
    this.timer = this.clock.setTimer(delayMs, () => {
      this.timer = undefined;
      attempt();
    });
    return this.info;
  }

  cancel(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** The link works, or WhatsApp answered, or nothing is to be re-established any more: the next failure starts from the shortest delay. */
  clear(): void {
    this.cancel();
    this.attempt = 0;
    this.info = null;
  }
}
