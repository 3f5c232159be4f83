import { ImportError } from '../core/errors.js';
import type { Candidate } from './candidate.js';
import { stoppedByShutdown } from './running-imports.js';
import type { ContactSource } from './contact-source.js';
import type { ContactWriterPort } from './contact-writer.js';
import type { PhoneBatch } from './phone-batch.js';
import type { PhoneNormaliser } from './phone-normaliser.js';
import { buildRowBlock, type InvalidCounts } from './row-block.js';

export const PROGRESS_EVERY = 10_000;
/** Candidates per batch of phones sent to normalisation, or fewer when rows are huge. */
const CHUNK_ROWS = 2_000;
const CHUNK_CHARS = 2_000_000;
/** Batches being normalised while earlier ones are handed on. */
const IN_FLIGHT = 4;

export interface PumpOptions {
  maxRows: number;
  allPhones: boolean;
  onProgress: (rows: number) => void;
  signal?: AbortSignal | undefined;
}

/**
 * Reads every candidate, normalises phones in batches (on a thread when there
 * is one, several batches in flight) and hands the rows to the writer in file
 * order. Returns the rows read and the refusals by reason.
 */
export async function pump(source: ContactSource, normaliser: PhoneNormaliser, writer: ContactWriterPort, options: PumpOptions): Promise<{ rows: number; invalid: InvalidCounts }> {
  const queue: { candidates: Candidate[]; batch: Promise<PhoneBatch> }[] = [];
  const invalid: InvalidCounts = {};
  let candidates: Candidate[] = [];
  let raws: string[] = [];
  let chars = 0;
  let rows = 0;
  const send = () => {
    const batch = normaliser.normalise(raws);
    // Awaited in order below; this only keeps a failure of a later batch from counting as unhandled.
    batch.catch(() => undefined);
    queue.push({ candidates, batch });
    candidates = [];
    raws = [];
    chars = 0;
  };
  const drainOne = async () => {
    const next = queue.shift()!;
    await writer.write(buildRowBlock(next.candidates, await next.batch, options.allPhones, invalid));
  };
  for await (const batch of source.candidates) {
    if (options.signal?.aborted) throw stoppedByShutdown();
    for (const candidate of batch) {
      rows++;
      if (rows > options.maxRows) {
        throw new ImportError(`The file has more than ${options.maxRows} rows, the most /import takes (IMPORT_MAX_ROWS). Split it, or raise the limit.`);
      }
      candidates.push(candidate);
      for (const phone of candidate.phones) raws.push(phone.raw);
      chars += candidate.size;
      if (candidates.length >= CHUNK_ROWS || chars >= CHUNK_CHARS) {
        send();
        if (queue.length >= IN_FLIGHT) await drainOne();
      }
      if (rows % PROGRESS_EVERY === 0) options.onProgress(rows);
    }
  }
  if (candidates.length > 0) send();
  while (queue.length > 0) await drainOne();
  return { rows, invalid };
}
