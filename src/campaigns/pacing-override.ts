import { err, ok, type Result } from '../core/result.js';
import type { Pacing } from '../dispatch/pacing.js';

/** The longest gap a campaign may ask for between two messages: a day. */
const MAX_DELAY_MS = 86_400_000;

/**
 * A campaign may send slower than its number's pacing, never faster: the
 * number's pacing is what keeps it from looking like spam. `delay=8-15` reads
 * as seconds between messages.
 */
export function parseDelayOverride(text: string, numberPacing: Pacing): Result<Partial<Pacing>> {
  const match = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?s?$/.exec(text.trim());
  if (!match) return err(`delay must be seconds between messages such as 8-15 or 10, not "${text}"`);
  const minMs = Math.round(Number(match[1]) * 1000);
  const maxMs = Math.round(Number(match[2] ?? match[1]) * 1000);
  if (maxMs < minMs) return err(`delay ${text} ends before it starts`);
  // A longer gap is a typo, not pacing (and past about 24.8 days a timer cannot even wait that long).
  if (maxMs > MAX_DELAY_MS) return err(`delay ${text} is longer than a day between messages; schedule the campaign instead (/schedule)`);
  if (minMs < numberPacing.delayMinMs || maxMs < numberPacing.delayMaxMs) {
    const floor = `${numberPacing.delayMinMs / 1000}-${numberPacing.delayMaxMs / 1000}`;
    return err(`delay ${text} is faster than this number's pacing (${floor} s); a campaign may only send slower`);
  }
  return ok({ delayMinMs: minMs, delayMaxMs: maxMs });
}

/** The number's pacing with a campaign's override on top, held to never be faster. */
export function withOverride(numberPacing: Pacing, override: Partial<Pacing> | null): Pacing {
  if (!override) return numberPacing;
  const delayMinMs = Math.max(numberPacing.delayMinMs, override.delayMinMs ?? 0);
  return { ...numberPacing, delayMinMs, delayMaxMs: Math.max(numberPacing.delayMaxMs, override.delayMaxMs ?? 0, delayMinMs) };
}
