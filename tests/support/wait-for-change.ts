import type { EventEmitter } from 'node:events';

/**
 * Resolves with the first truthy value of `probe`, re-checked on every
 * 'change' the emitter reports and every 25 ms (probes may also read state
 * the fake does not own, such as the product's database); rejects after
 * `timeoutMs` naming what was awaited and what happened last.
 */
export function waitForChange<T>(
  changes: EventEmitter,
  probe: () => T | undefined | null | false,
  options: { what: string; timeoutMs: number; recent: () => string },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const finish = () => {
      clearTimeout(timeout);
      clearInterval(poll);
      changes.off('change', check);
    };
    const check = () => {
      let value: T | undefined | null | false;
      try {
        value = probe();
      } catch (error) {
        finish();
        reject(error as Error);
        return;
      }
      if (value) {
        finish();
        resolve(value);
      }
    };
    const timeout = setTimeout(() => {
      finish();
      reject(new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what} (${options.recent()})`));
    }, options.timeoutMs);
    const poll = setInterval(check, 25);
    changes.on('change', check);
    check();
  });
}
