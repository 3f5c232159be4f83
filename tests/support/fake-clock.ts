import { AbortedError, type Clock, type TimerHandle } from '../../src/core/clock.js';

interface PendingTimer {
  at: number;
  seq: number;
  fire: () => void;
}

const flushMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve));
// Kept before any test fakes timers: waits for real I/O must stay real.
const realSetTimeout = globalThis.setTimeout;

/**
 * Timers that live outside the Clock (node-cron's, under vitest's fake timers):
 * the clock jumps to them too, and moves them along with it, so both agree on the time.
 */
export interface FollowedTimers {
  /** The next instant one of them fires, if any. */
  nextAt(): number | undefined;
  /** Moves their time to `at`, firing what is due on the way. */
  moveTo(at: number): void;
}

/** Node's names for file operations in flight on libuv's thread pool. */
const FILE_IO = new Set(['FSReqCallback', 'FSReqPromise', 'CloseReq']);
const fileIoPending = () => process.getActiveResourcesInfo().some((kind) => FILE_IO.has(kind));

/**
 * A clock that only moves when the test says so. `runUntil` jumps from timer to
 * timer, letting the code under test run between jumps, so hours of pacing pass
 * in milliseconds and every run is the same.
 */
export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: PendingTimer[] = [];
  private followed: FollowedTimers | undefined;

  constructor(start: number | Date = Date.UTC(2026, 0, 5, 12, 0, 0)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    const timer: PendingTimer = { at: this.current + Math.max(0, ms), seq: this.seq++, fire: callback };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((t) => t !== timer)) };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortedError());
      const handle = this.setTimer(ms, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      const onAbort = () => {
        handle.cancel();
        reject(new AbortedError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Jumps to, and moves along, another set of timers as well as its own. */
  follow(timers: FollowedTimers | undefined): void {
    this.followed = timers;
    timers?.moveTo(this.current);
  }

  private moveTo(at: number): void {
    this.current = Math.max(this.current, at);
    this.followed?.moveTo(this.current);
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  /**
   * Lets promise chains settle without moving time. File reads and writes
   * finish on libuv's thread pool, however many event-loop turns that takes:
   * they are waited for too (up to two real seconds), so no fake timer fires
   * while the code under test is still halfway through a file.
   */
  async settle(rounds = 3): Promise<void> {
    for (let i = 0; i < rounds; i++) await flushMicrotasks();
    for (let waited = 0; waited < 2_000 && fileIoPending(); waited++) {
      await new Promise<void>((resolve) => realSetTimeout(resolve, 1));
      for (let i = 0; i < rounds; i++) await flushMicrotasks();
    }
  }

  private takeNext(limit: number): PendingTimer | undefined {
    let next: PendingTimer | undefined;
    for (const timer of this.timers) if (!next || timer.at < next.at || (timer.at === next.at && timer.seq < next.seq)) next = timer;
    const outside = this.followed?.nextAt();
    // Their time moves with the jump (moveTo), which fires them; nothing is left to call.
    if (outside !== undefined && (!next || outside <= next.at) && outside <= limit) return { at: Math.max(outside, this.current), seq: -1, fire: () => undefined };
    if (!next || next.at > limit) return undefined;
    this.timers = this.timers.filter((t) => t !== next);
    return next;
  }

  /** Moves time forward by `ms`, firing every timer due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await this.settle();
    for (let timer = this.takeNext(target); timer; timer = this.takeNext(target)) {
      this.moveTo(timer.at);
      timer.fire();
      await this.settle();
    }
    this.moveTo(target);
    await this.settle();
  }

  /**
   * Nothing is due: the code under test may still be in real I/O (files,
   * crypto) that a few event-loop turns do not cover. Waits for that, in real
   * time and without moving the fake clock, until the condition holds or a
   * timer is set; undefined when neither happens within a second.
   */
  private async afterRealWork(done: () => boolean, limit: number): Promise<PendingTimer | undefined> {
    for (let waited = 0; waited < 1_000; waited += 5) {
      await new Promise<void>((resolve) => realSetTimeout(resolve, 5));
      await this.settle();
      if (done()) return undefined;
      const timer = this.takeNext(limit);
      if (timer) return timer;
    }
    return undefined;
  }

  /**
   * Jumps from timer to timer until `done()` holds. Throws if nothing is left to
   * fire, or time passes `maxMs`, so a stuck test fails instead of hanging.
   */
  async runUntil(done: () => boolean, maxMs = 10 * 86_400_000): Promise<void> {
    const limit = this.current + maxMs;
    await this.settle();
    while (!done()) {
      const timer = this.takeNext(limit) ?? (await this.afterRealWork(done, limit));
      if (done()) return;
      if (!timer) throw new Error(`runUntil: condition not met by ${new Date(this.current).toISOString()} (${this.timers.length} timers pending)`);
      this.moveTo(timer.at);
      timer.fire();
      await this.settle();
    }
  }
}
