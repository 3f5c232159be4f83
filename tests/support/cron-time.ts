import { vi } from 'vitest';
import type { FakeClock } from './fake-clock.js';

/**
 * node-cron reads `Date` and sets `setTimeout` itself: under vitest's fake
 * timers (only those two faked) the FakeClock drives them, jumping to the
 * instant node-cron says its next task fires (`nextCronFire`, from the tasks'
 * getNextRun) and moving fake time along.
 * Call before the app starts; `useRealTimers` in afterEach undoes it.
 */
export function driveCronWith(clock: FakeClock, nextCronFire: () => number | undefined): void {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: clock.now() });
  clock.follow({
    nextAt: nextCronFire,
    moveTo: (at) => {
      const ahead = at - Date.now();
      if (ahead > 0) vi.advanceTimersByTime(ahead);
    },
  });
}
