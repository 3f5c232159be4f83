import { localDayNumber } from '../core/zoned-time.js';

export interface WarmUpPolicy {
  dailyCap: number;
  warmUpDays: number;
  startCap: number;
}

/** A number's cap on one local day, and which warm-up day that is. */
export interface WarmUpDay {
  /** 0 = no cap. */
  cap: number;
  /** The warm-up day, 1 on the day the number was linked; undefined once warm-up is over (or off). */
  day: number | undefined;
  days: number;
}

/**
 * The daily cap on the local day of `now` for a number linked at `linkedAt`:
 * new numbers start at `startCap` and ramp linearly to `dailyCap` over
 * `warmUpDays`, because a new number that suddenly messages hundreds of
 * strangers is what gets banned. Days are local days, like the cap they set:
 * at local midnight both the count and the cap move on together.
 */
export function warmUpDay(now: number, linkedAt: number | null, policy: WarmUpPolicy, timeZone: string): WarmUpDay {
  const days = policy.warmUpDays;
  if (policy.dailyCap <= 0) return { cap: 0, day: undefined, days };
  if (linkedAt === null || days <= 0) return { cap: policy.dailyCap, day: undefined, days };
  const index = Math.max(0, localDayNumber(now, timeZone) - localDayNumber(linkedAt, timeZone));
  if (index >= days) return { cap: policy.dailyCap, day: undefined, days };
  return { cap: rampCap(index, policy), day: index + 1, days };
}

function rampCap(index: number, policy: WarmUpPolicy): number {
  const start = Math.min(policy.startCap, policy.dailyCap);
  return Math.round(start + ((policy.dailyCap - start) * index) / policy.warmUpDays);
}

/** The caps of the days ahead, by local day number, for ETAs that look weeks or years forward. */
export interface DailyCaps {
  /** The cap (0 = none) on a local day (see localDayNumber). */
  capOn(day: number): number;
  /** From this local day on the cap is the same every day. */
  steadyFrom: number;
}

/** The warm-up ramp as caps per local day: the same figures as warmUpDay, without a time-zone conversion per day. */
export function warmUpCaps(linkedAt: number | null, policy: WarmUpPolicy, timeZone: string): DailyCaps {
  if (policy.dailyCap <= 0) return { capOn: () => 0, steadyFrom: Number.NEGATIVE_INFINITY };
  if (linkedAt === null || policy.warmUpDays <= 0) return { capOn: () => policy.dailyCap, steadyFrom: Number.NEGATIVE_INFINITY };
  const linkedDay = localDayNumber(linkedAt, timeZone);
  return {
    capOn: (day) => {
      const index = Math.max(0, day - linkedDay);
      return index >= policy.warmUpDays ? policy.dailyCap : rampCap(index, policy);
    },
    steadyFrom: linkedDay + policy.warmUpDays,
  };
}

export function warmUpCap(now: number, linkedAt: number | null, policy: WarmUpPolicy, timeZone: string): number {
  return warmUpDay(now, linkedAt, policy, timeZone).cap;
}
