import type { CountryCode } from 'libphonenumber-js';
import type { LineType } from '../db/repos/contacts-repo.js';
import { nationalProblem, type PhoneProblem } from './phone-problem.js';

/**
 * Normalised phones in a form that crosses a worker boundary cheaply: one
 * string array and one byte per phone instead of an object per phone.
 */
export interface PhoneBatch {
  /** E.164, or '' where the phone was refused. */
  e164: string[];
  /** LINE_TYPES index (+ INTERNATIONAL) when valid; PROBLEM_BASE + PROBLEMS index when refused. */
  codes: Uint8Array;
  /** The country numbers without + were read in; it names the country in NATIONAL_PROBLEM's text. */
  country: CountryCode | undefined;
}

export const LINE_TYPES: readonly LineType[] = ['mobile', 'fixed_line', 'unknown'];
/** Added to a valid phone's code when it was written with its country code. */
export const INTERNATIONAL = 8;
/** Every refusal but the one naming the list's country, which is NATIONAL_PROBLEM. */
export const PROBLEMS = ['empty', 'not a phone number', 'too short', 'too long', 'not valid for its country', 'no country code'] as const satisfies readonly PhoneProblem[];
export const PROBLEM_BASE = 16;
export const NATIONAL_PROBLEM = PROBLEM_BASE + PROBLEMS.length;

export type BatchPhone = { ok: true; e164: string; lineType: LineType; international: boolean } | { ok: false; reason: PhoneProblem };

export function problemCode(reason: PhoneProblem): number {
  const index = (PROBLEMS as readonly PhoneProblem[]).indexOf(reason);
  return index === -1 ? NATIONAL_PROBLEM : PROBLEM_BASE + index;
}

export function phoneAt(batch: PhoneBatch, index: number): BatchPhone {
  const code = batch.codes[index]!;
  if (code === NATIONAL_PROBLEM) return { ok: false, reason: nationalProblem(batch.country!) };
  if (code >= PROBLEM_BASE) return { ok: false, reason: PROBLEMS[code - PROBLEM_BASE]! };
  return { ok: true, e164: batch.e164[index]!, lineType: LINE_TYPES[code % INTERNATIONAL]!, international: code >= INTERNATIONAL };
}
