import type { Random } from '../../core/random.js';

export interface ReconnectPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { baseMs: 1_000, maxMs: 60_000 };

/**
 * The wait before reconnect attempt `attempt` (1, 2, ...): doubling from
 * `baseMs`, never past `maxMs`, with ±20% jitter so numbers dropped together do
 * not all come back at the same instant. The jitter is narrow enough that each
 * delay is longer than the one before until the cap.
 */
export function reconnectDelay(attempt: number, random: Random, policy: ReconnectPolicy = DEFAULT_RECONNECT): number {
  const nominal = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.min(policy.maxMs, Math.round(nominal * (0.8 + 0.4 * random())));
}
