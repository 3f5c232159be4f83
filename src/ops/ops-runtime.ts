import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { AppPaths } from '../app-services.js';
import type { FrontEndStatusBoard } from '../chat/front-end-status.js';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Repositories } from '../db/repositories.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import { collectHealth, type HealthReport } from './health-report.js';
import { HealthServer } from './health-server.js';
import { Housekeeping } from './housekeeping.js';
import type { MetricsRegistry } from './metrics-registry.js';
import { metricsEndpoint } from './metrics-gauges.js';
import { OpsQueries } from './ops-queries.js';
import type { OpsSources } from './ops-sources.js';

export interface Ops {
  housekeeping: Housekeeping;
  /** Where /healthz listens; undefined when HEALTH_PORT=0 or before start. */
  healthAddress(): AddressInfo | undefined;
  /** What /healthz answers right now (also without the endpoint). */
  health(): HealthReport;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Housekeeping and the health/metrics endpoint, wired from the config. */
export function createOps(deps: {
  config: Config;
  paths: AppPaths;
  repos: Repositories;
  dispatcher: Dispatcher;
  clock: Clock;
  logger: Logger;
  metrics: MetricsRegistry;
  frontEnds: FrontEndStatusBoard;
  dryRun: boolean;
  /** Whether the database can still record (see DatabaseProbe). */
  database?: { problem(): string | undefined };
}): Ops {
  const { config, paths, repos, clock, logger } = deps;
  const queries = new OpsQueries(repos.db);
  let stopping = false;
  const sources: OpsSources = { ...deps, queries, startedAt: clock.now(), stopping: () => stopping };
  const housekeeping = new Housekeeping({
    db: repos.db,
    queries,
    clock,
    logger,
    retentionDays: config.retentionDays,
    uploadsDir: paths.uploads,
    exportsDir: paths.exports,
    sessionsDir: resolve(config.sessionsDir),
    timeZone: config.timeZone,
  });
  const server =
    config.health.port === 0
      ? undefined
      : new HealthServer({ host: config.health.host, port: config.health.port, logger, health: () => collectHealth(sources), metrics: metricsEndpoint(sources) });
  return {
    housekeeping,
    healthAddress: () => server?.address(),
    health: () => collectHealth(sources),
    async start() {
      await server?.start();
      housekeeping.start();
    },
    async stop() {
      stopping = true;
      await housekeeping.stop();
      await server?.stop();
    },
  };
}
