import type { LineType } from '../db/repos/contacts-repo.js';
import type { PhoneProblem } from './phone.js';

/**
 * Normalised phones in a form that crosses a worker boundary cheaply: one
 * string array and one byte per phone instead of an object per phone.
 */
export interface PhoneBatch {
  /** E.164, or '' where the phone was refused. */
  e164: string[];
  /** LINE_TYPES index when valid; PROBLEM_BASE + PROBLEMS index when refused. */
  codes: Uint8Array;
}

export const LINE_TYPES: readonly LineType[] = ['mobile', 'fixed_line', 'unknown'];
export const PROBLEMS: readonly PhoneProblem[] = ['empty', 'not a phone number', 'too short', 'too long', 'not valid for its country', 'no country code'];
export const PROBLEM_BASE = 16;

export type BatchPhone = { ok: true; e164: string; lineType: LineType } | { ok: false; reason: PhoneProblem };

export function phoneAt(batch: PhoneBatch, index: number): BatchPhone {
  const code = batch.codes[index]!;
  if (code >= PROBLEM_BASE) return { ok: false, reason: PROBLEMS[code - PROBLEM_BASE]! };
  return { ok: true, e164: batch.e164[index]!, lineType: LINE_TYPES[code]! };
}
