const DAY_MS = 86_400_000;

export interface WarmUpPolicy {
  dailyCap: number;
  warmUpDays: number;
  startCap: number;
}

/**
 * The daily cap for a number linked at `linkedAt`: new numbers start at
 * `startCap` and ramp linearly to `dailyCap` over `warmUpDays`, because a new
 * number that suddenly messages hundreds of strangers is what gets banned.
 */
export function warmUpCap(now: number, linkedAt: number | null, policy: WarmUpPolicy): number {
  if (policy.dailyCap <= 0) return 0;
  if (linkedAt === null || policy.warmUpDays <= 0) return policy.dailyCap;
  const day = Math.floor((now - linkedAt) / DAY_MS);
  if (day >= policy.warmUpDays) return policy.dailyCap;
  const start = Math.min(policy.startCap, policy.dailyCap);
  return Math.round(start + ((policy.dailyCap - start) * Math.max(0, day)) / policy.warmUpDays);
}
