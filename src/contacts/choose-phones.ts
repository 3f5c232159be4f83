import type { LineType } from '../db/repos/contacts-repo.js';
import type { Candidate } from './candidate.js';
import type { BatchPhone } from './phone-batch.js';
import type { PhoneProblem } from './phone-problem.js';

export type InvalidReason = PhoneProblem | 'no phone column' | 'value too long';

export interface ChosenPhone {
  e164: string;
  lineType: LineType;
  raw: string;
  /** Written with its country code rather than read in the list's country. */
  international: boolean;
}

export interface Choice {
  phones: ChosenPhone[];
  invalid: { raw: string; reason: InvalidReason }[];
}

/** How the contact's mobile is told among several of its numbers, best first. */
function rank(phone: ChosenPhone, hinted: boolean): number {
  if (hinted && phone.lineType !== 'fixed_line') return 0;
  if (phone.lineType === 'mobile') return 1;
  if (hinted) return 2;
  return phone.lineType === 'unknown' ? 3 : 4;
}

/**
 * Which of a row's numbers become contacts. Normally one: its mobile (a number
 * the file marks as mobile, else one the numbering plan says is a mobile, else
 * its first valid number), and the row is invalid only when none is valid.
 * With `allPhones`, every distinct valid number, and each invalid one is reported.
 */
export function choosePhones(candidate: Candidate, results: readonly BatchPhone[], allPhones: boolean): Choice {
  if (candidate.tooLong !== undefined) return { phones: [], invalid: [{ raw: '', reason: 'value too long' }] };
  if (candidate.phones.length === 0) return { phones: [], invalid: [{ raw: '', reason: candidate.missingPhoneColumn ? 'no phone column' : 'empty' }] };
  if (candidate.phones.length === 1) {
    // Most rows have one number: no bookkeeping to allocate.
    const only = results[0]!;
    if (!only.ok) return { phones: [], invalid: [{ raw: candidate.phoneText, reason: only.reason }] };
    return { phones: [{ e164: only.e164, lineType: only.lineType, raw: candidate.phones[0]!.raw, international: only.international }], invalid: [] };
  }
  const valid: { phone: ChosenPhone; hinted: boolean }[] = [];
  const invalid: Choice['invalid'] = [];
  const seen = new Set<string>();
  candidate.phones.forEach((entry, i) => {
    const result = results[i]!;
    if (!result.ok) invalid.push({ raw: entry.raw, reason: result.reason });
    else if (!seen.has(result.e164)) {
      seen.add(result.e164);
      valid.push({ phone: { e164: result.e164, lineType: result.lineType, raw: entry.raw, international: result.international }, hinted: entry.mobileHint });
    }
  });
  if (allPhones) return { phones: valid.map((v) => v.phone), invalid };
  if (valid.length === 0) return { phones: [], invalid: [{ raw: candidate.phoneText, reason: invalid[0]!.reason }] };
  let best = valid[0]!;
  for (const option of valid) if (rank(option.phone, option.hinted) < rank(best.phone, best.hinted)) best = option;
  return { phones: [best.phone], invalid: [] };
}
