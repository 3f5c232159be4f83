/**
 * Counters that parts of zapcast bump as things happen, kept in memory for
 * /metrics (Prometheus handles the reset to zero when the process restarts).
 * Figures that live in the database (messages, queue depth) are read from it at
 * scrape time instead.
 */
export const COUNTERS = {
  zapcast_breaker_trips_total: {
    help: 'Times the breaker paused a WhatsApp number, by number and reason.',
  },
  zapcast_schedule_fires_total: {
    help: 'Schedule fire times by outcome: ran, skipped (the previous run was still going), missed (zapcast was down too long), failed.',
  },
} as const;

export type CounterName = keyof typeof COUNTERS;
export type Labels = Readonly<Record<string, string>>;

export interface CounterSample {
  labels: Labels;
  value: number;
}

const keyOf = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

export class MetricsRegistry {
  private readonly counters = new Map<CounterName, Map<string, CounterSample>>();

  /**
   * Adds `by` (default 1) to the counter's series with these labels. The breaker
   * calls, each time it pauses a number:
   *
   *     metrics.increment('zapcast_breaker_trips_total', { number: sessionName, reason: 'capping' })
   *
   * Keep label values few and fixed (a reason code, not a free-text message).
   */
  increment(name: CounterName, labels: Labels = {}, by = 1): void {
    if (!(by >= 0)) throw new RangeError(`a counter only goes up; ${name} cannot add ${by}`);
    let series = this.counters.get(name);
    if (!series) this.counters.set(name, (series = new Map()));
    const key = keyOf(labels);
    const sample = series.get(key);
    if (sample) sample.value += by;
    else series.set(key, { labels: { ...labels }, value: by });
  }

  /** The counter's series so far (none until the first increment). */
  samples(name: CounterName): CounterSample[] {
    return [...(this.counters.get(name)?.values() ?? [])].map((s) => ({ labels: s.labels, value: s.value }));
  }

  /** The value of one series (0 when it was never incremented). */
  value(name: CounterName, labels: Labels = {}): number {
    return this.counters.get(name)?.get(keyOf(labels))?.value ?? 0;
  }
}
