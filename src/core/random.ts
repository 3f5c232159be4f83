/** A source of numbers in [0, 1); injected so pacing and jitter are reproducible in tests. */
export type Random = () => number;

export const mathRandom: Random = () => Math.random();

/** Mulberry32: small, fast, deterministic; good enough for jitter, not for secrets. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function uniformBetween(random: Random, min: number, max: number): number {
  if (max <= min) return min;
  return Math.round(min + random() * (max - min));
}
