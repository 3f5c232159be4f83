import type { LineType } from '../db/repos/contacts-repo.js';
import type { Candidate } from './candidate.js';
import { tooLongReason } from './cell-limits.js';
import { choosePhones, type InvalidReason } from './choose-phones.js';
import { phoneAt, type BatchPhone, type PhoneBatch } from './phone-batch.js';
import type { RejectedRow } from './rejected-rows.js';

/**
 * A batch of rows ready to be written, in file order: the contacts (one per
 * chosen phone) in parallel arrays, which cross to a writer thread cheaply,
 * and the rows refused for their phones.
 */
export interface RowBlock {
  phones: string[];
  names: (string | null)[];
  fields: Record<string, string>[];
  lineTypes: LineType[];
  /** Whether each phone was written with its country code, for the report's count of them. */
  international: boolean[];
  lines: number[];
  /** Each contact's whole row, for the rejected-rows file when it turns out a duplicate. */
  cells: string[][];
  rejected: RejectedRow[];
  /** Characters held, so a writer can flush early on huge rows. */
  chars: number;
}

export type InvalidCounts = Partial<Record<InvalidReason, number>>;

/** Chooses each candidate's phones from the normalised batch and counts the refusals by reason into `invalid`. */
export function buildRowBlock(candidates: readonly Candidate[], batch: PhoneBatch, allPhones: boolean, invalid: InvalidCounts): RowBlock {
  const block: RowBlock = { phones: [], names: [], fields: [], lineTypes: [], international: [], lines: [], cells: [], rejected: [], chars: 0 };
  let offset = 0;
  for (const candidate of candidates) {
    const results: BatchPhone[] = new Array<BatchPhone>(candidate.phones.length);
    for (let i = 0; i < results.length; i++) results[i] = phoneAt(batch, offset + i);
    offset += results.length;
    const choice = choosePhones(candidate, results, allPhones);
    for (const problem of choice.invalid) {
      invalid[problem.reason] = (invalid[problem.reason] ?? 0) + 1;
      // A row of several numbers says which one was refused.
      const reason =
        candidate.tooLong !== undefined
          ? tooLongReason(candidate.tooLong)
          : candidate.phones.length > 1 && problem.raw !== candidate.phoneText
            ? `${problem.reason}: ${problem.raw}`
            : problem.reason;
      block.rejected.push({ line: candidate.line, reason, cells: candidate.cells });
    }
    for (const phone of choice.phones) {
      block.phones.push(phone.e164);
      block.names.push(candidate.name);
      block.fields.push(candidate.fields);
      block.lineTypes.push(phone.lineType);
      block.international.push(phone.international);
      block.lines.push(candidate.line);
      block.cells.push(candidate.cells);
      block.chars += candidate.size;
    }
  }
  return block;
}
