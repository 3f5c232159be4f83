import type { WAVersion } from 'baileys';
import type { Clock } from '../../core/clock.js';

/** Asks WhatsApp Web which client version it runs today; undefined when it cannot be asked (Baileys then uses its own). */
export type VersionFetcher = (signal: AbortSignal) => Promise<WAVersion | undefined>;

export const VERSION_MAX_AGE_MS = 86_400_000;

export function versionText(version: WAVersion | undefined): string {
  return version ? version.join('.') : "Baileys' bundled version";
}

function same(a: WAVersion | undefined, b: WAVersion | undefined): boolean {
  return a?.join('.') === b?.join('.');
}

/**
 * The WhatsApp Web version a session announces. WhatsApp retires old versions
 * and then refuses every socket announcing one (405), so the version is asked
 * for at the first connect, asked again on a reconnect once the answer is a day
 * old, and asked again at once when WhatsApp refuses it. A pinned version
 * (WA_VERSION) is kept until WhatsApp refuses it.
 */
export class VersionKeeper {
  private version: WAVersion | undefined;
  private askedAt: number | undefined;
  private pinRefused = false;
  /** Refusals since the link was last open, and whether the operators were told about them. */
  private refusals = 0;
  private adviceGiven = false;

  constructor(
    private readonly pinned: WAVersion | undefined,
    private readonly fetchLatest: VersionFetcher,
    private readonly clock: Clock,
    private readonly maxAgeMs = VERSION_MAX_AGE_MS,
  ) {}

  /** What the last socket announced (or will). */
  get current(): WAVersion | undefined {
    return this.pinned && !this.pinRefused ? this.pinned : this.version;
  }

  /** The version for a new socket: asked for when never asked, or when the answer is older than a day. */
  async forConnect(signal: AbortSignal): Promise<WAVersion | undefined> {
    if (this.pinned && !this.pinRefused) return this.pinned;
    if (this.askedAt === undefined || this.clock.now() - this.askedAt >= this.maxAgeMs) await this.ask(signal);
    return this.version;
  }

  /** The link opened: the version in use is accepted. */
  accepted(): void {
    this.refusals = 0;
    this.adviceGiven = false;
  }

  /**
   * WhatsApp refused the version: asks for the current one. The first refusal
   * with a newer version to try is retried at once; otherwise the link should
   * back off, and the first time in a run of refusals the operators are told
   * what to do (`advice`).
   */
  async refused(signal: AbortSignal): Promise<{ reason: string; retryAtOnce: boolean; advice?: string }> {
    const refused = this.current;
    this.pinRefused = this.pinned !== undefined;
    this.refusals++;
    await this.ask(signal);
    const next = this.version;
    const changed = !same(refused, next);
    const what = `WhatsApp no longer accepts WhatsApp Web ${versionText(refused)} (405: client too old)`;
    if (changed && this.refusals === 1) return { reason: `${what}; reconnecting with ${versionText(next)}`, retryAtOnce: true };
    const reason = changed ? `${what}; trying ${versionText(next)} next` : `${what}, and WhatsApp Web names no newer one`;
    if (this.adviceGiven) return { reason, retryAtOnce: false };
    this.adviceGiven = true;
    return { reason, retryAtOnce: false, advice: 'Update zapcast, or set WA_VERSION to the version WhatsApp Web runs now' };
  }

  private async ask(signal: AbortSignal): Promise<void> {
    // A failed question counts as asked: each reconnect waiting on an unreachable address would only slow the link down.
    this.askedAt = this.clock.now();
    this.version = (await this.fetchLatest(signal)) ?? this.version;
  }
}
