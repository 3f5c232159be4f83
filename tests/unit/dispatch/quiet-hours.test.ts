import { describe, expect, it } from 'vitest';
import { parseQuietHours, quietUntil } from '../../../src/dispatch/quiet-hours.js';

const window = (text: string) => {
  const parsed = parseQuietHours(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe('quiet hours', () => {
  it('parses HH:MM-HH:MM and refuses anything else', () => {
    expect(window('21:00-08:00')).toEqual({ startMinute: 21 * 60, endMinute: 8 * 60 });
    for (const bad of ['25:00-08:00', '21-08', '08:00-08:00', 'night']) expect(parseQuietHours(bad).ok).toBe(false);
  });

  it('knows a window that crosses midnight', () => {
    const quiet = window('21:00-08:00');
    expect(quietUntil(Date.UTC(2026, 0, 5, 22, 30), quiet, 'UTC')).toBe(Date.UTC(2026, 0, 6, 8, 0));
    expect(quietUntil(Date.UTC(2026, 0, 6, 3, 0), quiet, 'UTC')).toBe(Date.UTC(2026, 0, 6, 8, 0));
    expect(quietUntil(Date.UTC(2026, 0, 6, 8, 0), quiet, 'UTC')).toBeUndefined();
    expect(quietUntil(Date.UTC(2026, 0, 6, 20, 59), quiet, 'UTC')).toBeUndefined();
  });

  it('reads the window in the operator time zone', () => {
    const quiet = window('21:00-08:00');
    // 23:30 UTC is 20:30 in São Paulo (UTC-3): not quiet there yet.
    expect(quietUntil(Date.UTC(2026, 0, 5, 23, 30), quiet, 'America/Sao_Paulo')).toBeUndefined();
    // 01:00 UTC is 22:00 in São Paulo: quiet until 08:00 local = 11:00 UTC.
    expect(quietUntil(Date.UTC(2026, 0, 6, 1, 0), quiet, 'America/Sao_Paulo')).toBe(Date.UTC(2026, 0, 6, 11, 0));
  });

  it('ends at the right instant across a daylight-saving change', () => {
    const quiet = window('01:00-09:00');
    // Europe/Madrid springs forward on 2026-03-29 at 02:00 local (UTC+1 -> UTC+2).
    expect(quietUntil(Date.UTC(2026, 2, 29, 0, 30), quiet, 'Europe/Madrid')).toBe(Date.UTC(2026, 2, 29, 7, 0));
  });
});
