import { createRequire } from 'node:module';
import type { Counter, Histogram, Registry } from 'prom-client';

/**
 * prom-client takes about as long to load as the rest of the start-up's
 * libraries together, and nothing needs it before the first counted event or
 * scrape: it is required then.
 */
export function promClient(): typeof import('prom-client') {
  return createRequire(import.meta.url)('prom-client') as typeof import('prom-client');
}

/**
 * Counters that parts of zapcast bump as things happen, kept in memory for
 * /metrics (Prometheus handles the reset to zero when the process restarts).
 * Figures that live in the database (messages, queue depth) are read from it at
 * scrape time instead (see metrics-gauges.ts).
 */
export const COUNTERS = {
  zapcast_breaker_trips_total: {
    help: 'Times the breaker paused a WhatsApp number, by number and reason.',
    labelNames: ['number', 'reason'],
  },
  zapcast_schedule_fires_total: {
    help: 'Schedule fire times by outcome: ran, skipped (the previous run was still going), missed (zapcast was down too long), failed.',
    labelNames: ['outcome'],
  },
} as const;

export type CounterName = keyof typeof COUNTERS;
export type Labels = Readonly<Record<string, string>>;

/** The histogram of how long WhatsApp took to take each campaign message, per sending number. */
export const SEND_LATENCY = 'zapcast_send_latency_seconds';

/** From a fast local ack to a send that sat behind a slow link; WhatsApp's own timeout is about a minute. */
const SEND_LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

const keyOf = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

let processMetrics: Registry | undefined;

/**
 * prom-client's process metrics (CPU, resident memory, event-loop lag, heap,
 * GC) are about the process, not about one app instance, and each collector
 * installs observers that are never removed: one set per process, shared by
 * every registry.
 */
function processRegistry(): Registry {
  if (!processMetrics) {
    const prom = promClient();
    processMetrics = new prom.Registry();
    prom.collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

interface Families {
  registry: Registry;
  counters: Record<CounterName, Counter<string>>;
  sendLatency: Histogram<'number'>;
}

export class MetricsRegistry {
  private families: Families | undefined;
  private readonly tallies = new Map<string, number>();

  /** zapcast's own families (made on first use); the scrape gauges register here too. */
  get registry(): Registry {
    return this.ready().registry;
  }

  private ready(): Families {
    if (this.families) return this.families;
    const prom = promClient();
    const registry = new prom.Registry();
    const counter = (name: CounterName) =>
      new prom.Counter({ name, help: COUNTERS[name].help, labelNames: [...COUNTERS[name].labelNames], registers: [registry] });
    this.families = {
      registry,
      counters: { zapcast_breaker_trips_total: counter('zapcast_breaker_trips_total'), zapcast_schedule_fires_total: counter('zapcast_schedule_fires_total') },
      sendLatency: new prom.Histogram({
        name: SEND_LATENCY,
        help: 'Seconds from handing a campaign message to WhatsApp to its acceptance, per number (the session name). Failed sends are not timed.',
        labelNames: ['number'],
        buckets: SEND_LATENCY_BUCKETS,
        registers: [registry],
      }),
    };
    return this.families;
  }

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
    this.ready().counters[name].inc({ ...labels }, by);
    const key = `${name} ${keyOf(labels)}`;
    // prom-client reads its values back only asynchronously; status views and tests read them here.
    this.tallies.set(key, (this.tallies.get(key) ?? 0) + by);
  }

  /** The value of one series (0 when it was never incremented). */
  value(name: CounterName, labels: Labels = {}): number {
    return this.tallies.get(`${name} ${keyOf(labels)}`) ?? 0;
  }

  /** One campaign message accepted by WhatsApp after `seconds`, sent by the number (session name) given. */
  observeSendLatency(number: string, seconds: number): void {
    this.ready().sendLatency.observe({ number }, Math.max(0, seconds));
  }

  /** The Prometheus text exposition: zapcast's families, then the process's. */
  async text(): Promise<string> {
    return promClient().Registry.merge([this.registry, processRegistry()]).metrics();
  }
}

/** What a /metrics answer is served as (prom-client's Registry.PROMETHEUS_CONTENT_TYPE, which a test holds this to). */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
