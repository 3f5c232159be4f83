import type { NewChatMessageCapInfo, ReachoutTimelockState } from 'baileys';
import type { CappingInfo } from '../transport.js';

/** Capping states that mean WhatsApp is warning about, or enforcing, the new-chat limit. */
const WARNINGS = new Set(['FIRST_WARNING', 'SECOND_WARNING', 'CAPPED']);

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** A timestamp WhatsApp sends as seconds (or ms) in a string or number. */
function parseInstant(value: unknown): number | undefined {
  const number = Number(value);
  if (value === undefined || value === null || value === '' || !Number.isFinite(number) || number <= 0) return undefined;
  return number < 1e12 ? number * 1000 : number;
}

/** A reach-out timelock in force (no new chats until it ends); undefined when it is lifted or absent. */
export function cappingFromTimelock(lock: ReachoutTimelockState | undefined): CappingInfo | undefined {
  if (!lock?.isActive) return undefined;
  const until = lock.timeEnforcementEnds ? lock.timeEnforcementEnds.getTime() : undefined;
  const kind = lock.enforcementType && lock.enforcementType !== 'DEFAULT' ? ` (${lock.enforcementType})` : '';
  return {
    source: 'reachout_timelock',
    detail: `WhatsApp blocks this number from starting new chats${until === undefined ? '' : ` until ${iso(until)}`}${kind}`,
    ...(until === undefined ? {} : { until }),
  };
}

/** A new-chat message cap warning or the cap reached; undefined when the update says all is well. */
export function cappingFromCapInfo(info: NewChatMessageCapInfo | undefined): CappingInfo | undefined {
  const status = info?.capping_status;
  if (!status || !WARNINGS.has(status)) return undefined;
  const used = info.used_quota !== undefined && info.total_quota !== undefined ? `, ${info.used_quota} of ${info.total_quota} new chats used` : '';
  const until = parseInstant(info.cycle_end_timestamp);
  return {
    source: 'message_capping',
    detail: `WhatsApp new-chat message cap: ${status}${used}${until === undefined ? '' : ` (cycle ends ${iso(until)})`}`,
    ...(until === undefined ? {} : { until }),
  };
}
