import { setTimeout as delay } from 'node:timers/promises';

export interface WaitOptions {
  /** Named in the error when the deadline passes. */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  diagnostics?: () => string;
}

/**
 * Polls `check` until it returns a value (not undefined) or the deadline
 * passes. Process tests wait on what the app writes, never for a fixed time.
 */
export async function waitUntil<T>(check: () => T | undefined, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what}${options.diagnostics ? `\n${options.diagnostics()}` : ''}`);
    }
    await delay(options.intervalMs ?? 20);
  }
}
