import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ZapcastError } from '../core/errors.js';

/**
 * Downloads a user's upload to `path`, refusing it as soon as it is known to
 * be over `maxBytes`: by the server's stated length, or by counting as it
 * streams when that statement is missing or wrong. Nothing is left behind on
 * a refusal or a failure.
 */
export async function downloadCapped(options: { url: string | URL; path: string; maxBytes: number; platform: string; fileName: string; tooLarge: (bytes: number) => Error }): Promise<void> {
  const { url, path, maxBytes, tooLarge } = options;
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new ZapcastError(`${options.platform} did not hand over ${options.fileName} (HTTP ${response.status}); send it again.`);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(declared);
  mkdirSync(dirname(path), { recursive: true });
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > maxBytes) callback(tooLarge(received));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), counter, createWriteStream(path));
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  }
}
