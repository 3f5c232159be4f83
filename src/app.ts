import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import { COMMANDS } from '../commands/index.js';
import type { AppPaths, AppServices } from './app-services.js';
import { CampaignService } from './campaigns/campaign-service.js';
import { RunLifecycle } from './campaigns/run-lifecycle.js';
import { StatusService } from './campaigns/status-service.js';
import type { ChatFrontEnd } from './chat/chat-front-end.js';
import { CommandRouter } from './chat/command-router.js';
import { ConsoleFrontEnd } from './chat/console/console-front-end.js';
import { consoleEnabled, type Config } from './config.js';
import { systemClock, type Clock } from './core/clock.js';
import { createEventBus } from './core/events.js';
import { mathRandom, type Random } from './core/random.js';
import { openDatabase, type Db } from './db/connection.js';
import { createRepositories, type Repositories } from './db/repositories.js';
import { DailyCap } from './dispatch/daily-cap.js';
import { Dispatcher } from './dispatch/dispatcher.js';
import { RunRenderer } from './dispatch/run-renderer.js';
import { SendLoop } from './dispatch/send-loop.js';
import { MessageQueue } from './queue/message-queue.js';
import { DryRunTransport } from './whatsapp/dry-run-transport.js';
import type { WhatsAppTransport } from './whatsapp/transport.js';
import { wireTransport } from './whatsapp/wire-transport.js';

export interface AppOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  random?: Random;
  /** Console streams; default the process's stdin and stdout. */
  input?: Readable;
  output?: Writable;
  /** Replaces the transport the config names (tests). */
  transportFor?: (sessionName: string) => WhatsAppTransport;
}

export interface App {
  services: AppServices;
  router: CommandRouter;
  frontEnds: ChatFrontEnd[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_SESSION = 'main';

function pathsFor(config: Config): AppPaths {
  const data = resolve(config.dataDir);
  return { data, uploads: join(data, 'uploads'), exports: join(data, 'exports'), database: join(data, 'zapcast.db') };
}

/** Composition root: config -> db -> services -> front-ends. Nothing starts until start(). */
export function createApp(options: AppOptions): App {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? mathRandom;
  const paths = pathsFor(config);
  for (const dir of [paths.data, paths.uploads, paths.exports]) mkdirSync(dir, { recursive: true });
  const db: Db = openDatabase(paths.database);
  const repos: Repositories = createRepositories(db);
  const events = createEventBus();
  const queue = new MessageQueue(repos, { ...config.retry, factor: 2 }, random);
  const dispatcher = new Dispatcher(queue);
  const lifecycle = new RunLifecycle(repos, clock, events);
  const renderer = new RunRenderer(repos);
  const campaigns = new CampaignService(repos, lifecycle, queue, dispatcher, clock, events);
  const dryRun = config.transport === 'dry-run';
  const status = new StatusService(repos, dispatcher, clock, {
    pacing: config.pacing,
    dailyCap: config.dailyCap,
    quietHours: config.quietHours,
    timeZone: config.timeZone,
    dryRun,
    sendMs: dryRun ? config.dryRun.latencyMs : 1_000,
  });

  const makeTransport =
    options.transportFor ??
    ((sessionName: string) =>
      new DryRunTransport({
        sessionName,
        clock,
        random,
        logPath: config.dryRun.logPath && resolve(config.dryRun.logPath),
        failRate: config.dryRun.failRate,
        latencyMs: config.dryRun.latencyMs,
        pairAfterMs: config.dryRun.pairAfterMs,
      }));

  repos.waSessions.ensure(DEFAULT_SESSION, clock.now());
  const transport = makeTransport(DEFAULT_SESSION);
  const dailyCap = new DailyCap(repos.sendDays, DEFAULT_SESSION, config.timeZone, () => config.dailyCap);
  const loop = new SendLoop({
    transport,
    repos,
    queue,
    lifecycle,
    renderer,
    dailyCap,
    clock,
    random,
    events,
    logger,
    quietHours: config.quietHours,
    timeZone: config.timeZone,
    pacingFor: (run) => status.effectivePacing(campaigns.get(run.campaignId)),
  });
  dispatcher.add({ transport, loop, dailyCap });
  const unwire = wireTransport({ transport, repos, queue, events, clock, logger });

  const services: AppServices = { config, paths, repos, clock, events, logger, campaigns, status, dispatcher, commands: COMMANDS, dryRun };
  const router = new CommandRouter(services, COMMANDS);
  const frontEnds: ChatFrontEnd[] = [];
  if (consoleEnabled(config)) {
    frontEnds.push(new ConsoleFrontEnd(services, router, { input: options.input ?? process.stdin, output: options.output ?? process.stdout }));
  }

  return {
    services,
    router,
    frontEnds,
    async start() {
      for (const listId of repos.lists.unfinished()) repos.lists.discard(listId);
      const interrupted = queue.recoverInterrupted();
      if (interrupted > 0) logger.warn({ interrupted }, 'messages interrupted mid-send are now unknown and will not be resent automatically');
      await campaigns.finishInterruptedEnqueues();
      for (const frontEnd of frontEnds) await frontEnd.start();
      dispatcher.start();
      await transport.connect();
      logger.info({ transport: config.transport, session: DEFAULT_SESSION, data: paths.data }, 'zapcast started');
    },
    async stop() {
      await dispatcher.stop();
      unwire();
      for (const frontEnd of frontEnds) await frontEnd.stop();
      db.close();
      logger.info('zapcast stopped');
    },
  };
}
