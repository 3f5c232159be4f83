import type { Readable } from 'node:stream';

/** Rows handed on together: one await per batch, not per row, keeps a million-row file cheap. */
export const BATCH_ROWS = 1_000;

/**
 * Reads an object-mode stream in batches of what it has buffered (up to
 * `max`), waiting only when it has nothing; rethrows the stream's error.
 */
export async function* streamBatches<T>(stream: Readable, max = BATCH_ROWS): AsyncGenerator<T[]> {
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const poke = () => {
    wake?.();
    wake = undefined;
  };
  stream.on('readable', poke);
  stream.on('end', () => {
    ended = true;
    poke();
  });
  stream.on('error', (error) => {
    failure ??= error;
    poke();
  });
  for (;;) {
    if (failure !== undefined) throw failure;
    const batch: T[] = [];
    for (let item = stream.read() as T | null; item !== null; item = stream.read() as T | null) {
      batch.push(item);
      if (batch.length >= max) break;
    }
    if (batch.length > 0) {
      yield batch;
      continue;
    }
    if (ended) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}
