import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import { NotConnectedError, PermanentSendError } from '../core/errors.js';
import { retryWhenBusy } from '../db/busy-retry.js';
import type { CapKey, ClaimedMessage, MessageQueue } from '../queue/message-queue.js';

/** Tries at saving a send's outcome before it is marked unknown instead. */
const SAVE_ATTEMPTS = 5;
/** A busy database (a report reading, an import writing) is waited out this long within one try. */
const BUSY_WAIT_MS = 60_000;
export const UNSAVED_OUTCOME = 'its outcome could not be saved; it may have been sent';

/**
 * Writes what became of a message marked `sending`, so it never stays
 * `sending`: that would hold its run open until the next start.
 */
export class OutcomeRecorder {
  constructor(
    private readonly deps: { queue: MessageQueue; clock: Clock; logger: Logger; sessionName: string; stopping: () => boolean },
  ) {}

  /** The send reached WhatsApp: it counts toward the day's cap. */
  sent(message: ClaimedMessage, sentAt: number, capKey: CapKey): Promise<void> {
    return this.save(message, () => this.deps.queue.ackSent(message.id, sentAt, capKey));
  }

  /** The send failed: back to pending (a dropped link costs no attempt; a transient failure backs off), or failed. */
  failed(message: ClaimedMessage, error: unknown): Promise<void> {
    return this.save(message, () => this.recordFailure(message, error));
  }

  /**
   * A busy database is waited out (retryWhenBusy): the outcome is written
   * late, not lost. Other failures, and a database busy for minutes, get a
   * few more chances. If the outcome cannot
   * be saved for good the message becomes `unknown` (never pending: it may
   * have gone, and a retry would send it twice), so its run can still
   * complete. While even that cannot be written, the caller waits here and
   * nothing else is sent; should the process stop, the next start marks it unknown.
   */
  private async save(message: ClaimedMessage, write: () => void): Promise<void> {
    const { queue, clock, logger, sessionName } = this.deps;
    for (let attempt = 1; attempt <= SAVE_ATTEMPTS; attempt++) {
      try {
        await retryWhenBusy(write, { clock, logger, what: `the outcome of message ${message.waMessageId}`, maxWaitMs: BUSY_WAIT_MS });
        return;
      } catch (error) {
        logger.error({ err: error, session: sessionName, messageId: message.waMessageId, attempt }, 'the outcome of a send could not be saved');
        if (attempt < SAVE_ATTEMPTS) await clock.sleep(1_000 * attempt);
      }
    }
    for (let attempt = 1; ; attempt++) {
      try {
        queue.markUnknown(message.id, UNSAVED_OUTCOME);
        return;
      } catch (error) {
        if (this.deps.stopping()) return;
        logger.error({ err: error, session: sessionName, messageId: message.waMessageId }, 'a send could not be marked unknown; sending is held until the database answers');
        await clock.sleep(Math.min(60_000, 1_000 * 2 ** attempt));
      }
    }
  }

  private recordFailure(message: ClaimedMessage, error: unknown): void {
    const { queue, clock, logger, sessionName } = this.deps;
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof NotConnectedError) {
      queue.release(message.id);
      return;
    }
    if (error instanceof PermanentSendError) {
      queue.failPermanent(message.id, reason);
      return;
    }
    const outcome = queue.failTransient(message, reason, clock.now());
    logger.warn({ session: sessionName, messageId: message.waMessageId, reason, outcome }, 'send failed');
  }
}
