import { describe, expect, it } from 'vitest';
import { estimateFinish, type EtaInput } from '../../../src/campaigns/eta.js';
import { parseQuietHours, type QuietHours } from '../../../src/dispatch/quiet-hours.js';
import { seededRandom, type Random } from '../../../src/core/random.js';
import { warmUpCaps, type DailyCaps } from '../../../src/safety/warm-up.js';
import { walkFinish } from '../../support/eta-reference-walk.js';

const DAY = 86_400_000;
const pacing = { delayMinMs: 4000, delayMaxMs: 8000, longPauseEvery: 0, longPauseMinMs: 0, longPauseMaxMs: 0 };
const start = Date.UTC(2026, 0, 5, 12, 0);
const flat = (cap: number): DailyCaps => ({ capOn: () => cap, steadyFrom: Number.NEGATIVE_INFINITY });
const base: EtaInput = { now: start, remaining: 100, pacing, sendMs: 0, caps: flat(0), sentToday: 0, quietHours: undefined, timeZone: 'UTC' };

function quiet(text: string): QuietHours {
  const parsed = parseQuietHours(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('estimated finish', () => {
  it('is the count times the mean gap when nothing limits it', () => {
    expect(estimateFinish(base)).toBe(start + 100 * 6000);
  });

  it('carries over to the next day when the daily cap is reached', () => {
    expect(estimateFinish({ ...base, remaining: 150, caps: flat(100) })).toBe(Date.UTC(2026, 0, 6, 0, 0) + 50 * 6000);
  });

  it('counts what was already sent today against today\'s cap', () => {
    expect(estimateFinish({ ...base, remaining: 50, caps: flat(100), sentToday: 100 })).toBe(Date.UTC(2026, 0, 6, 0, 0) + 50 * 6000);
  });

  it('follows the warm-up ramp day by day, not today\'s cap for ever', () => {
    // Warm-up from 50 to 1000 over 14 days, linked today: 50, 118, 186, 254 ... a day.
    const caps = warmUpCaps(start, { dailyCap: 1000, warmUpDays: 14, startCap: 50 }, 'UTC');
    const eta = estimateFinish({ ...base, remaining: 500, caps });
    // 50 + 118 + 186 = 354 by the end of the 7th; the last 146 go on the 8th.
    expect(eta).toBe(Date.UTC(2026, 0, 8, 0, 0) + 146 * 6000);
  });

  it('puts a million messages on warm-up day 1 about a thousand days out, not decades', () => {
    const caps = warmUpCaps(start, { dailyCap: 1000, warmUpDays: 14, startCap: 50 }, 'America/Sao_Paulo');
    const eta = estimateFinish({ ...base, remaining: 1_000_000, caps, quietHours: quiet('21:00-08:00'), timeZone: 'America/Sao_Paulo' });
    const days = (eta - start) / DAY;
    // The ramp sends 14 days x 525 on average instead of 1000, so about 7 days more than 1000.
    expect(days).toBeGreaterThan(1_000);
    expect(days).toBeLessThan(1_010);
  });

  it('skips quiet hours', () => {
    // 300 messages fit before 12:30, the other 300 start at 14:00.
    expect(estimateFinish({ ...base, remaining: 600, quietHours: quiet('12:30-14:00') })).toBe(Date.UTC(2026, 0, 5, 14, 0) + 300 * 6000);
  });

  it('starts at the end of quiet hours when asked during them', () => {
    const night = Date.UTC(2026, 0, 5, 23, 0);
    expect(estimateFinish({ ...base, now: night, remaining: 10, quietHours: quiet('21:00-08:00') })).toBe(Date.UTC(2026, 0, 6, 8, 0) + 10 * 6000);
  });

  it('is now when nothing is left', () => {
    expect(estimateFinish({ ...base, remaining: 0 })).toBe(start);
  });
});

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Sao_Paulo', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago'];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function randomInput(random: Random): EtaInput {
  const timeZone = pick(random, ZONES);
  const now = Date.UTC(2026, 0, 1) + Math.floor(random() * 3 * 365 * DAY);
  const delay = int(random, 0, 4) * 2000;
  const runPacing = {
    delayMinMs: delay,
    delayMaxMs: delay + int(random, 0, 3) * 1000,
    longPauseEvery: pick(random, [0, 10, 25]),
    longPauseMinMs: 20_000,
    longPauseMaxMs: 40_000 + int(random, 0, 7),
  };
  const dailyCap = pick(random, [0, 25, 300, 1000, 5000]);
  const linkedAt = pick(random, [null, now, now - int(random, 0, 20) * DAY]);
  const caps = warmUpCaps(linkedAt, { dailyCap, warmUpDays: pick(random, [0, 3, 14]), startCap: pick(random, [10, 50]) }, timeZone);
  const minute = () => int(random, 0, 95) * 15;
  const from = minute();
  const to = minute();
  return {
    now,
    remaining: int(random, 1, 12_000),
    pacing: runPacing,
    sendMs: int(random, 0, 1500),
    caps,
    sentToday: dailyCap > 0 ? int(random, 0, dailyCap) : int(random, 0, 500),
    quietHours: random() < 0.3 || from === to ? undefined : { startMinute: from, endMinute: to },
    timeZone,
  };
}

describe('estimated finish in closed form', () => {
  it('lands where the day-by-day walk lands, whatever the zone, pacing, cap, warm-up and quiet hours', () => {
    const random = seededRandom(15);
    for (let i = 0; i < 200; i++) {
      const input = randomInput(random);
      expect({ case: i, input, eta: estimateFinish(input) }).toEqual({ case: i, input, eta: walkFinish(input) });
    }
  });

  it('lands where the walk lands across the days the clocks change', () => {
    const random = seededRandom(1503);
    // Just before the 2026 changes in Berlin (29 March, 25 October) and New York (8 March, 1 November).
    const edges = [Date.UTC(2026, 2, 28, 20), Date.UTC(2026, 9, 24, 20), Date.UTC(2026, 2, 7, 22), Date.UTC(2026, 9, 31, 22)];
    for (let i = 0; i < 80; i++) {
      const input = { ...randomInput(random), now: pick(random, edges) + int(random, 0, 48) * 1_800_000, timeZone: pick(random, ['Europe/Berlin', 'America/New_York']) };
      expect({ case: i, input, eta: estimateFinish(input) }).toEqual({ case: i, input, eta: walkFinish(input) });
    }
  });
});
