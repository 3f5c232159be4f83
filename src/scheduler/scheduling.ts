import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { AppEventBus } from '../core/events.js';
import type { Repositories } from '../db/repositories.js';
import type { CampaignService } from '../campaigns/campaign-service.js';
import type { MetricsRegistry } from '../ops/metrics-registry.js';
import { ScheduleService } from './schedule-service.js';
import { Scheduler } from './scheduler.js';

export interface Scheduling {
  service: ScheduleService;
  scheduler: Scheduler;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The scheduler and the service commands use, wired to each other. */
export function createScheduling(deps: {
  config: Config;
  repos: Repositories;
  campaigns: CampaignService;
  clock: Clock;
  events: AppEventBus;
  logger: Logger;
  metrics: MetricsRegistry;
}): Scheduling {
  const { config } = deps;
  const scheduler = new Scheduler({ ...deps, catchUpMaxMs: config.catchUpMaxMs, timeZone: config.timeZone, quietHours: config.quietHours });
  const service = new ScheduleService({ ...deps, timeZone: config.timeZone, onChange: () => scheduler.rearm() });
  return { service, scheduler, start: () => scheduler.start(), stop: () => scheduler.stop() };
}
