/**
 * Time as a port. Pacing, backoff, schedules and ETA take a Clock so tests can
 * run hours of campaign in milliseconds with a fake one.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with an AbortError-named error when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  setTimer(ms: number, callback: () => void): TimerHandle;
  /**
   * Lets what is due meanwhile (timers, I/O) run, then goes on at once. A clock
   * without it is asked for sleep(0). setTimeout(0) waits a whole millisecond,
   * which a loop that yields every few milliseconds would pay as idle time.
   */
  yieldTurn?(): Promise<void>;
}

export class AbortedError extends Error {
  override name = 'AbortError';
  constructor() {
    super('The wait was interrupted.');
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * The longest delay a Node timer takes (2^31 - 1 ms, about 24.8 days). A
 * longer one fires after 1 ms with a TimeoutOverflowWarning, so a long wait
 * would become a busy loop.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** A timeout of any length: a wait past MAX_TIMER_MS is chained from timers that each fit. */
function longTimeout(ms: number, callback: () => void, unref: boolean): () => void {
  let timer: NodeJS.Timeout;
  const deadline = Date.now() + Math.max(0, ms);
  const arm = (wait: number) => {
    timer = setTimeout(() => {
      const left = deadline - Date.now();
      if (left > 0) arm(left);
      else callback();
    }, Math.min(Math.max(0, wait), MAX_TIMER_MS));
    if (unref) timer.unref?.();
  };
  arm(ms);
  return () => clearTimeout(timer);
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortedError());
      const cancel = longTimeout(
        ms,
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        false,
      );
      const onAbort = () => {
        cancel();
        reject(new AbortedError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
  setTimer(ms, callback) {
    return { cancel: longTimeout(ms, callback, true) };
  },
  yieldTurn() {
    return new Promise<void>((resolve) => setImmediate(resolve));
  },
};
