import { describe, expect, it } from 'vitest';
import { warmUpCap, warmUpCaps, warmUpDay } from '../../../src/safety/warm-up.js';
import { localDayNumber } from '../../../src/core/zoned-time.js';

const DAY = 86_400_000;
const policy = { dailyCap: 1000, warmUpDays: 10, startCap: 100 };

describe('warm-up cap', () => {
  it('ramps from the start cap to the daily cap over the warm-up days', () => {
    const linkedAt = 0;
    expect(warmUpCap(0, linkedAt, policy, 'UTC')).toBe(100);
    expect(warmUpCap(5 * DAY, linkedAt, policy, 'UTC')).toBe(550);
    expect(warmUpCap(9 * DAY + 1, linkedAt, policy, 'UTC')).toBe(910);
    expect(warmUpCap(10 * DAY, linkedAt, policy, 'UTC')).toBe(1000);
  });

  it('counts local days, so the cap rises at local midnight together with the day it caps', () => {
    // Linked at 15:00 in São Paulo (18:00 UTC); 00:30 the next local day is warm-up day 2, not 9.5 hours into day 1.
    const linkedAt = Date.UTC(2026, 0, 5, 18, 0);
    const halfPastMidnight = Date.UTC(2026, 0, 6, 3, 30);
    expect(warmUpDay(halfPastMidnight, linkedAt, policy, 'America/Sao_Paulo')).toEqual({ cap: 190, day: 2, days: 10 });
    expect(warmUpDay(halfPastMidnight - 60 * 60_000, linkedAt, policy, 'America/Sao_Paulo')).toEqual({ cap: 100, day: 1, days: 10 });
  });

  it('gives the full cap to a number of unknown age or with warm-up off', () => {
    expect(warmUpDay(0, null, policy, 'UTC')).toEqual({ cap: 1000, day: undefined, days: 10 });
    expect(warmUpCap(0, 0, { ...policy, warmUpDays: 0 }, 'UTC')).toBe(1000);
  });

  it('stays uncapped when there is no daily cap', () => {
    expect(warmUpCap(0, 0, { ...policy, dailyCap: 0 }, 'UTC')).toBe(0);
  });
});

describe('when a number counts as newly linked', () => {
  it('restarts the warm-up when another phone links the same session', async () => {
    const { openDatabase } = await import('../../../src/db/connection.js');
    const { WaSessionsRepo } = await import('../../../src/db/repos/wa-sessions-repo.js');
    const { tempDir } = await import('../../support/temp-dir.js');
    const { join } = await import('node:path');
    const sessions = new WaSessionsRepo(openDatabase(join(tempDir(), 'w.db')));
    sessions.ensure('main', 0);
    sessions.setLinkState('main', 'open', '+5511911111111', 1_000);
    sessions.setLinkState('main', 'open', '+5511911111111', 5_000);
    expect(sessions.get('main')?.linkedAt).toBe(1_000);
    sessions.setLinkState('main', 'open', '+5511922222222', 9_000);
    expect(sessions.get('main')).toMatchObject({ phone: '+5511922222222', linkedAt: 9_000 });
  });

  it('gives the same caps by local day number as day by day, and says when they stop rising', () => {
    const linkedAt = Date.UTC(2026, 0, 5, 18, 0);
    const caps = warmUpCaps(linkedAt, policy, 'America/Sao_Paulo');
    for (let day = -1; day <= 12; day++) {
      const at = linkedAt + day * DAY;
      expect(caps.capOn(localDayNumber(at, 'America/Sao_Paulo'))).toBe(warmUpCap(at, linkedAt, policy, 'America/Sao_Paulo'));
    }
    expect(caps.steadyFrom).toBe(localDayNumber(linkedAt, 'America/Sao_Paulo') + 10);
    expect(warmUpCaps(null, policy, 'UTC').capOn(0)).toBe(1000);
    expect(warmUpCaps(0, { ...policy, dailyCap: 0 }, 'UTC').capOn(0)).toBe(0);
  });
});
