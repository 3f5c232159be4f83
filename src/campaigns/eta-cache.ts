/**
 * The last ETA of each campaign, kept while what it was computed from stays
 * the same. A run held by quiet hours or its cap, or between two sends, gets
 * the same answer for every /status and progress edit. It still expires after
 * a minute, so a run stuck for another reason (the link down) drifts later as
 * it should; ETAs are shown to the minute.
 */
export const ETA_CACHE_MS = 60_000;

interface Entry {
  key: string;
  at: number;
  eta: number;
}

export class EtaCache {
  private readonly entries = new Map<number, Entry>();

  get(campaignId: number, key: string, now: number, compute: () => number): number {
    const entry = this.entries.get(campaignId);
    if (entry && entry.key === key && now >= entry.at && now - entry.at < ETA_CACHE_MS) return entry.eta;
    const eta = compute();
    this.entries.set(campaignId, { key, at: now, eta });
    return eta;
  }
}
