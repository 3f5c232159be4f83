import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS, systemClock } from '../../../src/core/clock.js';

const DAY = 86_400_000;

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 5) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the system clock', () => {
  it('sleeps the whole of a wait longer than one timer takes, instead of waking at once', async () => {
    let woke = false;
    void systemClock.sleep(40 * DAY).then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(40 * DAY - MAX_TIMER_MS - 1_000);
    expect(woke).toBe(true);
  });

  it('fires a long timer once, at its time, and a cancelled one never', async () => {
    const fired: string[] = [];
    systemClock.setTimer(30 * DAY, () => fired.push('kept'));
    const cancelled = systemClock.setTimer(30 * DAY, () => fired.push('cancelled'));
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 1);
    cancelled.cancel();
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(30 * DAY);
    expect(fired).toEqual(['kept']);
  });

  it('ends a long sleep early when its signal aborts', async () => {
    const abort = new AbortController();
    const sleeping = systemClock.sleep(40 * DAY, abort.signal);
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 10);
    abort.abort();
    await expect(sleeping).rejects.toMatchObject({ name: 'AbortError' });
  });
});
