import { ImportError } from '../core/errors.js';

export const STOPPED_BY_SHUTDOWN = 'zapcast is stopping, so the import was stopped and nothing was imported. /import the file again once zapcast is back.';

export function stoppedByShutdown(): ImportError {
  return new ImportError(STOPPED_BY_SHUTDOWN);
}

/**
 * The imports running now, so that shutdown stops them instead of waiting for
 * a million-row file: each is aborted, and its all-or-nothing cleanup (the
 * hidden list discarded, the rejected-rows file removed) does the rest.
 */
export class RunningImports {
  private readonly running = new Map<AbortController, Promise<unknown>>();
  private stopping = false;

  get count(): number {
    return this.running.size;
  }

  async run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.stopping) throw stoppedByShutdown();
    const controller = new AbortController();
    const done = work(controller.signal);
    this.running.set(
      controller,
      done.catch(() => undefined),
    );
    try {
      return await done;
    } finally {
      this.running.delete(controller);
    }
  }

  /** Stops every running import and waits until each has cleaned up; no new one starts after this. Returns how many were stopped. */
  async stopAll(): Promise<number> {
    this.stopping = true;
    const running = [...this.running];
    for (const [controller] of running) controller.abort();
    await Promise.all(running.map(([, settled]) => settled));
    return running.length;
  }
}
