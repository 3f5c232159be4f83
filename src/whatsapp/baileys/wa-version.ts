import { fetchLatestWaWebVersion, type WAVersion } from 'baileys';
import type { Logger } from 'pino';

/** A version "2.3000.1234567" from settings. */
export function parseWaVersion(text: string): WAVersion | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/**
 * The client version WhatsApp Web announces today. WhatsApp closes sockets
 * that announce a version it has retired, so asking beats the one bundled with
 * Baileys; when the question fails (no network yet) Baileys' own is used.
 */
export async function currentWaWebVersion(logger: Logger, stop: AbortSignal, timeoutMs = 10_000): Promise<WAVersion | undefined> {
  const answer = await fetchLatestWaWebVersion({ signal: AbortSignal.any([stop, AbortSignal.timeout(timeoutMs)]) });
  if (answer.isLatest) return answer.version;
  // One line, no stack: offline at the first start this is expected, and the console says what to do.
  const error = answer.error as { message?: string; cause?: { message?: string } } | undefined;
  const reason = [error?.message, error?.cause?.message].filter(Boolean).join(': ') || String(answer.error);
  logger.warn({ reason }, 'could not ask WhatsApp Web for its current version; using the one bundled with Baileys');
  return undefined;
}
