import { performance } from 'node:perf_hooks';
import type { Throughput } from '../support/timing.js';

/**
 * Runs several loops in turns of `sliceMs` each, `rounds` times, and totals
 * each. Commit speed on a shared disk drifts from second to second; measured
 * turn by turn, their ratios are fair even when the absolute figures wander.
 * An operation returning false ends the measurement.
 */
export function interleave<K extends string>(rounds: number, sliceMs: number, loops: Record<K, () => boolean | void>): Record<K, Throughput> {
  const keys = Object.keys(loops) as K[];
  const totals = new Map<K, { operations: number; ms: number }>(keys.map((k) => [k, { operations: 0, ms: 0 }]));
  let going = true;
  for (let round = 0; round < rounds && going; round++) {
    // Rotate who goes first so none always inherits the others' checkpoints.
    const order = keys.map((_, i) => keys[(i + round) % keys.length]!);
    for (const key of order) {
      const total = totals.get(key)!;
      const started = performance.now();
      let elapsed = 0;
      while (elapsed < sliceMs) {
        if (loops[key]() === false) {
          going = false;
          break;
        }
        total.operations++;
        elapsed = performance.now() - started;
      }
      total.ms += elapsed;
      if (!going) break;
    }
  }
  const result = {} as Record<K, Throughput>;
  for (const [key, total] of totals) result[key] = { operations: total.operations, seconds: total.ms / 1000, perSecond: total.operations / (total.ms / 1000) };
  return result;
}
