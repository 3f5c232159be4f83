import type { Random } from '../core/random.js';

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  factor: number;
}

/**
 * Delay before retry number `attempt` (1 = first retry): base * factor^(attempt-1),
 * capped, with "equal jitter" so the wait is always in [ceiling/2, ceiling] and
 * retries of a burst of failures spread out instead of returning together.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: Random): number {
  const ceiling = backoffCeiling(attempt, policy);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function backoffCeiling(attempt: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(policy.maxMs, policy.baseMs * policy.factor ** exponent);
}

export function nextAttemptAt(now: number, attempt: number, policy: BackoffPolicy, random: Random): number {
  return now + backoffDelay(attempt, policy, random);
}
