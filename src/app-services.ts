import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Clock } from './core/clock.js';
import type { CommandDefinition } from './core/command.js';
import type { AppEventBus } from './core/events.js';
import type { Repositories } from './db/repositories.js';
import type { CampaignService } from './campaigns/campaign-service.js';
import type { StatusService } from './campaigns/status-service.js';
import type { Dispatcher } from './dispatch/dispatcher.js';
import type { MetricsRegistry } from './ops/metrics-registry.js';
import type { ScheduleService } from './scheduler/schedule-service.js';
import type { LinkMonitor } from './whatsapp/link-monitor.js';
import type { FrontEndStatusBoard } from './chat/front-end-status.js';
import type { RunningImports } from './contacts/running-imports.js';

export interface AppPaths {
  data: string;
  uploads: string;
  exports: string;
  database: string;
}

/** What commands may use. Built once in the composition root. */
export interface AppServices {
  config: Config;
  paths: AppPaths;
  repos: Repositories;
  clock: Clock;
  events: AppEventBus;
  logger: Logger;
  campaigns: CampaignService;
  status: StatusService;
  dispatcher: Dispatcher;
  /** /schedule, /schedules, /unschedule. */
  schedules: ScheduleService;
  /** Counters for /metrics (e.g. breaker trips): see ops/metrics-registry.ts. */
  metrics: MetricsRegistry;
  /** The latest QR and link state of each WhatsApp session (/qr). */
  links: LinkMonitor;
  commands: readonly CommandDefinition[];
  /** How each chat front-end is connected (for /healthz); front-ends report into it. */
  frontEndStatus: FrontEndStatusBoard;
  /** Imports running now; shutdown stops them. */
  imports: RunningImports;
  dryRun: boolean;
}
