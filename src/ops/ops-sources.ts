import type { FrontEndStatus } from '../chat/front-end-status.js';
import type { Clock } from '../core/clock.js';
import type { Repositories } from '../db/repositories.js';
import type { MetricsRegistry } from './metrics-registry.js';
import type { OpsQueries } from './ops-queries.js';

/** The part of the Dispatcher the endpoints read: each number's link state and today's count. */
export interface NumbersView {
  sessionNames(): string[];
  session(name: string): { transport: { state: string }; dailyCap: { sentToday(now: number): number } } | undefined;
}

/** What /healthz and /metrics read. */
export interface OpsSources {
  repos: Repositories;
  queries: OpsQueries;
  dispatcher: NumbersView;
  metrics: MetricsRegistry;
  clock: Clock;
  dryRun: boolean;
  startedAt: number;
  /** True once shutdown began: the process is going away, so it reports unhealthy. */
  stopping(): boolean;
  /** How each chat front-end is connected, and which of them need an operator. */
  frontEnds: { snapshot(): Partial<Record<string, FrontEndStatus>>; problems(): string[] };
}

export interface NumberLink {
  name: string;
  phone: string | null;
  link: string;
}

/** Every WhatsApp number with its live link state (the transport's, not the last one stored). */
export function numberLinks(sources: OpsSources): NumberLink[] {
  const phoneOf = (name: string) => {
    try {
      return sources.repos.waSessions.get(name)?.phone ?? null;
    } catch {
      // The database is failing: /healthz says so, and still shows the links.
      return null;
    }
  };
  return sources.dispatcher.sessionNames().map((name) => ({
    name,
    phone: phoneOf(name),
    link: sources.dispatcher.session(name)?.transport.state ?? 'unknown',
  }));
}
