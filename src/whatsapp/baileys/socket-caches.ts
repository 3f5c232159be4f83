import type { CacheStore } from 'baileys';
import type { Clock } from '../../core/clock.js';
import { TtlCache } from './ttl-cache.js';

const MINUTE = 60_000;

/**
 * The caches Baileys takes as options, created once per transport so they
 * survive reconnects (retry counters must, or a recipient's retry request
 * after a reconnect is answered as if it were the first) and so each socket
 * does not leave its own cache timers behind.
 */
export class SocketCaches {
  /** Signal keys in front of the files (Baileys' makeCacheableSignalKeyStore). */
  readonly keys: TtlCache;
  private readonly retries: TtlCache;
  private readonly devices: TtlCache;
  private readonly calls: TtlCache;
  private readonly placeholders: TtlCache;
  /** Uploaded media by file, so a campaign's picture is uploaded once, not once per recipient. */
  private readonly media: TtlCache;

  constructor(clock: Clock) {
    this.keys = new TtlCache(clock, 5 * MINUTE, 50_000);
    this.retries = new TtlCache(clock, 60 * MINUTE);
    this.devices = new TtlCache(clock, 5 * MINUTE);
    this.calls = new TtlCache(clock, 5 * MINUTE, 1_000);
    this.placeholders = new TtlCache(clock, 60 * MINUTE);
    this.media = new TtlCache(clock, 6 * 60 * MINUTE, 100);
  }

  forSocket(): { msgRetryCounterCache: CacheStore; userDevicesCache: CacheStore; callOfferCache: CacheStore; placeholderResendCache: CacheStore; mediaCache: CacheStore } {
    return {
      msgRetryCounterCache: this.retries,
      userDevicesCache: this.devices,
      callOfferCache: this.calls,
      placeholderResendCache: this.placeholders,
      mediaCache: this.media,
    };
  }

  /** A logout ends the account these entries belong to. */
  flushAll(): void {
    for (const cache of [this.keys, this.retries, this.devices, this.calls, this.placeholders, this.media]) cache.flushAll();
  }
}
