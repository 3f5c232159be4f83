import type { FrontEndStatus } from '../chat/front-end-status.js';
import type { Clock } from '../core/clock.js';
import type { Repositories } from '../db/repositories.js';
import type { MetricsRegistry } from './metrics-registry.js';
import type { OpsQueries } from './ops-queries.js';

/** A number's link as the endpoints read it: its state and, when there was one, its last close. */
export interface LinkView {
  state: string;
  lastClose?: { reason: string; operatorAction?: string } | null;
}

/** The part of the Dispatcher the endpoints read: each number's link state and today's count. */
export interface NumbersView {
  sessionNames(): string[];
  session(name: string): { transport: LinkView; dailyCap: { sentToday(now: number): number } } | undefined;
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
  /** Why the database cannot record what is sent (deleted, replaced, read-only); absent in tests that do not care. */
  database?: { problem(): string | undefined };
  /** How each chat front-end is connected, and which of them need an operator. */
  frontEnds: { snapshot(): Partial<Record<string, FrontEndStatus>>; problems(): string[] };
}

export interface NumberLink {
  name: string;
  /** Masked (maskPhone): /healthz may be reachable by others, such as a Prometheus host. */
  phone: string | null;
  link: string;
  /** While the link is down for a reason only an operator can fix (it may still be retrying): what and what to do. */
  problem?: string;
}

function problemOf(transport: LinkView | undefined): string | undefined {
  const close = transport?.lastClose;
  if (!transport || transport.state === 'open' || !close?.operatorAction) return undefined;
  return `${close.reason}; ${close.operatorAction}`;
}

/**
 * "+55*********21": the country and the last two digits tell an operator which
 * of their numbers it is, without handing the number to whoever reaches the
 * endpoint.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const kept = digits.length > 6 ? 2 : 0;
  return `+${digits.slice(0, kept)}${'*'.repeat(Math.max(0, digits.length - kept - 2))}${digits.slice(-2)}`;
}

/** Every WhatsApp number with its live link state (the transport's, not the last one stored). */
export function numberLinks(sources: OpsSources): NumberLink[] {
  const phoneOf = (name: string) => {
    try {
      const phone = sources.repos.waSessions.get(name)?.phone;
      return phone ? maskPhone(phone) : null;
    } catch {
      // The database is failing: /healthz says so, and still shows the links.
      return null;
    }
  };
  return sources.dispatcher.sessionNames().map((name) => {
    const transport = sources.dispatcher.session(name)?.transport;
    const problem = problemOf(transport);
    return { name, phone: phoneOf(name), link: transport?.state ?? 'unknown', ...(problem ? { problem } : {}) };
  });
}
