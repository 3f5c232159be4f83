import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Clock } from './core/clock.js';
import type { CommandDefinition } from './core/command.js';
import type { AppEventBus } from './core/events.js';
import type { Repositories } from './db/repositories.js';
import type { CampaignService } from './campaigns/campaign-service.js';
import type { StatusService } from './campaigns/status-service.js';
import type { Dispatcher } from './dispatch/dispatcher.js';

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
  commands: readonly CommandDefinition[];
  dryRun: boolean;
}
