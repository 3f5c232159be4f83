import { uniformBetween, type Random } from '../core/random.js';

/** Per-number pacing. A delay or pause of 0 means none. */
export interface Pacing {
  delayMinMs: number;
  delayMaxMs: number;
  longPauseEvery: number;
  longPauseMinMs: number;
  longPauseMaxMs: number;
}

/**
 * The gap to leave after the `sentCount`-th message of a session: a random delay,
 * and every `longPauseEvery` messages a longer random pause instead.
 */
export function gapAfter(sentCount: number, pacing: Pacing, random: Random): number {
  if (pacing.longPauseEvery > 0 && sentCount > 0 && sentCount % pacing.longPauseEvery === 0) {
    return uniformBetween(random, pacing.longPauseMinMs, pacing.longPauseMaxMs);
  }
  return uniformBetween(random, pacing.delayMinMs, pacing.delayMaxMs);
}

/** Mean time per message implied by the pacing, used for ETAs. */
export function meanGapMs(pacing: Pacing): number {
  const delay = (pacing.delayMinMs + pacing.delayMaxMs) / 2;
  if (pacing.longPauseEvery <= 0) return delay;
  const pause = (pacing.longPauseMinMs + pacing.longPauseMaxMs) / 2;
  return (delay * (pacing.longPauseEvery - 1) + pause) / pacing.longPauseEvery;
}

/** Bounds on the total gap time for `count` messages, for tests and for the preview. */
export function gapBounds(count: number, pacing: Pacing): { min: number; max: number } {
  const gaps = Math.max(0, count - 1);
  const pauses = pacing.longPauseEvery > 0 ? Math.floor(gaps / pacing.longPauseEvery) : 0;
  const delays = gaps - pauses;
  return {
    min: delays * pacing.delayMinMs + pauses * pacing.longPauseMinMs,
    max: delays * pacing.delayMaxMs + pauses * pacing.longPauseMaxMs,
  };
}

/** "Slow down" from the breaker, or an operator's override: every gap scaled. */
export function scalePacing(pacing: Pacing, factor: number): Pacing {
  return {
    delayMinMs: Math.round(pacing.delayMinMs * factor),
    delayMaxMs: Math.round(pacing.delayMaxMs * factor),
    longPauseEvery: pacing.longPauseEvery,
    longPauseMinMs: Math.round(pacing.longPauseMinMs * factor),
    longPauseMaxMs: Math.round(pacing.longPauseMaxMs * factor),
  };
}
