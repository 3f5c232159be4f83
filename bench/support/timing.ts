import { performance } from 'node:perf_hooks';

export interface Throughput {
  operations: number;
  seconds: number;
  perSecond: number;
}

/** Times one piece of work in milliseconds. */
export async function timeMs(work: () => unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * Repeats `operation` until `durationMs` of wall time has passed (checked every
 * `checkEvery` operations so the clock read is not what is measured), or until it
 * returns false. Returns how many ran and how fast.
 */
export function repeatFor(durationMs: number, operation: () => boolean | void, checkEvery = 64): Throughput {
  const started = performance.now();
  let operations = 0;
  let elapsed = 0;
  for (;;) {
    let more = true;
    for (let i = 0; i < checkEvery; i++) {
      if (operation() === false) {
        more = false;
        break;
      }
      operations++;
    }
    elapsed = performance.now() - started;
    if (!more || elapsed >= durationMs) break;
  }
  return { operations, seconds: elapsed / 1000, perSecond: operations / (elapsed / 1000) };
}

/** Mean time of one call in ms over `calls` calls, after a short warm-up. */
export function meanCallMs(calls: number, call: () => unknown): number {
  for (let i = 0; i < Math.min(1_000, calls); i++) call();
  const started = performance.now();
  for (let i = 0; i < calls; i++) call();
  return (performance.now() - started) / calls;
}

/** The p-th percentile (nearest rank) of ascending values. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
