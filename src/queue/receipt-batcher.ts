import type { Clock, TimerHandle } from '../core/clock.js';
import { isBusyError } from '../db/busy-retry.js';
import type { ReceiptOutcome, ReceiptStatus } from './message-queue.js';

export interface Receipt {
  waMessageId: string;
  status: ReceiptStatus;
  at: number;
  error?: string;
}

/** What writes a batch of receipts in one transaction (MessageQueue.applyReceipts). */
export interface ReceiptSink {
  applyReceipts(receipts: readonly Receipt[]): (ReceiptOutcome | undefined)[];
}

export interface ReceiptBatcherOptions {
  /** The longest a receipt waits before its batch is written. */
  windowMs: number;
  /** The wait before a batch the database refused as busy is tried again. */
  busyRetryMs: number;
  onApplied: (outcomes: ReceiptOutcome[]) => void;
  /** A batch that could not be written for a reason other than a busy database. */
  onError: (error: unknown, receipts: readonly Receipt[]) => void;
}

/**
 * Receipts come two or three per message sent: committing each alone costs an
 * fsync apiece, more than the send itself. They are gathered for at most
 * `windowMs` and written in one transaction; a crash loses at most that
 * window's receipts, which only delays "delivered" (a later receipt of the
 * same message, or none, never moves it backwards). A busy database keeps the
 * batch and tries again: a receipt is never dropped for contention.
 */
export class ReceiptBatcher {
  private pending: Receipt[] = [];
  private timer: TimerHandle | undefined;
  private closed = false;

  constructor(
    private readonly sink: ReceiptSink,
    private readonly clock: Clock,
    private readonly options: ReceiptBatcherOptions,
  ) {}

  add(receipt: Receipt): void {
    if (this.closed) {
      // After shutdown began there is no timer to wait for: written at once, or reported.
      this.pending.push(receipt);
      this.flush();
      return;
    }
    this.pending.push(receipt);
    this.timer ??= this.clock.setTimer(this.options.windowMs, () => this.onTimer());
  }

  /** Receipts waiting to be written. */
  get waiting(): number {
    return this.pending.length;
  }

  private onTimer(): void {
    this.timer = undefined;
    if (!this.flush() && !this.closed) this.timer = this.clock.setTimer(this.options.busyRetryMs, () => this.onTimer());
  }

  /**
   * Writes every waiting receipt now, in one transaction. False when the
   * database was busy: the receipts stay waiting (and are tried again by the
   * timer, or by the next flush).
   */
  flush(): boolean {
    if (this.pending.length === 0) return true;
    const batch = this.pending;
    this.pending = [];
    try {
      const outcomes = this.sink.applyReceipts(batch);
      this.options.onApplied(outcomes.filter((outcome): outcome is ReceiptOutcome => outcome !== undefined));
      return true;
    } catch (error) {
      if (isBusyError(error)) {
        // Ahead of any that arrived meanwhile, so each message's receipts keep their order.
        this.pending = batch.concat(this.pending);
        return false;
      }
      this.options.onError(error, batch);
      return true;
    }
  }

  /**
   * At shutdown, before the database closes: writes what is waiting, trying a
   * busy database a few more times (each try already waits its busy timeout).
   * Receipts arriving later are written one batch at a time as they come.
   */
  close(busyAttempts = 3): void {
    this.closed = true;
    this.timer?.cancel();
    this.timer = undefined;
    for (let attempt = 0; attempt < busyAttempts; attempt++) if (this.flush()) return;
    if (this.pending.length > 0) {
      const lost = this.pending;
      this.pending = [];
      this.options.onError(new Error('the database stayed busy at shutdown'), lost);
    }
  }
}
