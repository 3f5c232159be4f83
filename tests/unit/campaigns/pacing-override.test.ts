import { describe, expect, it } from 'vitest';
import { parseDelayOverride, withOverride } from '../../../src/campaigns/pacing-override.js';

const number = { delayMinMs: 4000, delayMaxMs: 8000, longPauseEvery: 10, longPauseMinMs: 20000, longPauseMaxMs: 40000 };

describe('a campaign pacing override', () => {
  it('reads seconds between messages', () => {
    expect(parseDelayOverride('10-20', number)).toEqual({ ok: true, value: { delayMinMs: 10000, delayMaxMs: 20000 } });
    expect(parseDelayOverride('9', number)).toEqual({ ok: true, value: { delayMinMs: 9000, delayMaxMs: 9000 } });
  });

  it("refuses to send faster than the number's pacing", () => {
    expect(parseDelayOverride('1-2', number)).toEqual({ ok: false, error: "delay 1-2 is faster than this number's pacing (4-8 s); a campaign may only send slower" });
  });

  it('refuses a gap of more than a day, which a timer of 2^31 ms or more would cut to nothing', () => {
    expect(parseDelayOverride('86400', number)).toEqual({ ok: true, value: { delayMinMs: 86_400_000, delayMaxMs: 86_400_000 } });
    expect(parseDelayOverride('10-2147484', number)).toEqual({ ok: false, error: 'delay 10-2147484 is longer than a day between messages; schedule the campaign instead (/schedule)' });
  });

  it('refuses what is not a delay', () => {
    expect(parseDelayOverride('fast', number)).toEqual({ ok: false, error: 'delay must be seconds between messages such as 8-15 or 10, not "fast"' });
    expect(parseDelayOverride('20-10', number)).toEqual({ ok: false, error: 'delay 20-10 ends before it starts' });
  });

  it('never lets a stored override speed the number up', () => {
    expect(withOverride(number, { delayMinMs: 1000, delayMaxMs: 2000 })).toMatchObject({ delayMinMs: 4000, delayMaxMs: 8000 });
    expect(withOverride(number, { delayMinMs: 12000, delayMaxMs: 15000 })).toMatchObject({ delayMinMs: 12000, delayMaxMs: 15000, longPauseEvery: 10 });
  });
});
