import { describe, expect, it } from 'vitest';
import { dateOfDayNumber, localDayNumber, nextOffsetChange } from '../../../src/core/zoned-time.js';

const DAY = 86_400_000;

describe('zone offset changes', () => {
  it('finds the instant the clocks change, to the second', () => {
    // Berlin: 29 March 2026 at 01:00 UTC, 25 October 2026 at 01:00 UTC.
    expect(nextOffsetChange(Date.UTC(2026, 0, 10), 'Europe/Berlin', Date.UTC(2027, 0, 1))).toBe(Date.UTC(2026, 2, 29, 1));
    expect(nextOffsetChange(Date.UTC(2026, 2, 29, 1), 'Europe/Berlin', Date.UTC(2027, 0, 1))).toBe(Date.UTC(2026, 9, 25, 1));
  });

  it('finds a change later in the same week, asked again and again', () => {
    const from = Date.UTC(2026, 2, 27, 12);
    expect(nextOffsetChange(from, 'Europe/Berlin', from + 30 * DAY)).toBe(Date.UTC(2026, 2, 29, 1));
    expect(nextOffsetChange(from, 'Europe/Berlin', from + 30 * DAY)).toBe(Date.UTC(2026, 2, 29, 1));
  });

  it('says none when the offset holds until the limit', () => {
    expect(nextOffsetChange(Date.UTC(2026, 0, 1), 'America/Sao_Paulo', Date.UTC(2027, 0, 1))).toBeUndefined();
    expect(nextOffsetChange(Date.UTC(2026, 0, 10), 'Europe/Berlin', Date.UTC(2026, 2, 1))).toBeUndefined();
    expect(nextOffsetChange(Date.UTC(2026, 0, 1), 'UTC', Date.UTC(2030, 0, 1))).toBeUndefined();
  });
});

describe('local day numbers', () => {
  it('turn back into the calendar date they count', () => {
    const day = localDayNumber(Date.UTC(2026, 11, 4, 1, 30), 'America/Sao_Paulo');
    expect(dateOfDayNumber(day)).toEqual({ year: 2026, month: 12, day: 3 });
  });
});
