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
import { FrontEndStatusBoard } from './chat/front-end-status.js';
import { ConsoleFrontEnd } from './chat/console/console-front-end.js';
import type { TelegramOptions } from './chat/telegram/telegram-front-end.js';
import type { DiscordOptions } from './chat/discord/discord-front-end.js';
import { LazyFrontEnd } from './chat/lazy-front-end.js';
import { consoleEnabled, type Config } from './config.js';
import { systemClock, type Clock } from './core/clock.js';
import { DataDirInUseError } from './core/errors.js';
import { PidLock } from './core/pid-lock.js';
import { createEventBus } from './core/events.js';
import { mathRandom, type Random } from './core/random.js';
import { openDatabase, type Db } from './db/connection.js';
import { DatabaseProbe } from './db/database-probe.js';
import { createRepositories, type Repositories } from './db/repositories.js';
import { discardUnfinishedLists } from './contacts/unfinished-lists.js';
import { RunningImports } from './contacts/running-imports.js';
import { Dispatcher } from './dispatch/dispatcher.js';
import { RunRenderer } from './dispatch/run-renderer.js';
import { setUpSession } from './dispatch/session-setup.js';
import { MessageQueue } from './queue/message-queue.js';
import { MetricsRegistry } from './ops/metrics-registry.js';
import { createOps } from './ops/ops-runtime.js';
import type { HealthReport } from './ops/health-report.js';
import { createScheduling, type Scheduling } from './scheduler/scheduling.js';
import { SENT_CONTENT_KEEP_MS } from './whatsapp/sent-content-store.js';
import { transportFactory } from './whatsapp/transport-factory.js';
import type { WhatsAppTransport } from './whatsapp/transport.js';
import { LinkMonitor } from './whatsapp/link-monitor.js';

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
  /** Telegram timing (tests shorten the edit interval, notice windows, chat budgets and polling waits). */
  telegram?: Pick<TelegramOptions, 'editIntervalMs' | 'notificationTiming' | 'chatBudgets' | 'polling'>;
  /** Discord timing (tests shorten the edit pace and notice windows). */
  discord?: Pick<DiscordOptions, 'pace' | 'notificationTiming' | 'firstLoginWaitMs'>;
}

export interface App {
  services: AppServices;
  router: CommandRouter;
  frontEnds: ChatFrontEnd[];
  /** What /healthz would answer now. */
  health(): HealthReport;
  /** Fires schedules (on node-cron tasks). */
  scheduler: Scheduling['scheduler'];
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_SESSION = 'main';

function pathsFor(config: Config): AppPaths {
  const data = resolve(config.dataDir);
  return { data, uploads: join(data, 'uploads'), exports: join(data, 'exports'), database: join(data, 'zapcast.db') };
}

/** Sent messages are kept for retry requests, but no longer than message texts are (RETENTION_DAYS). */
function sentContentKeepMs(retentionDays: number): number {
  return retentionDays > 0 ? Math.min(SENT_CONTENT_KEEP_MS, retentionDays * 86_400_000) : SENT_CONTENT_KEEP_MS;
}

/** Composition root: config -> db -> services -> front-ends. Nothing starts until start(). */
export function createApp(options: AppOptions): App {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? mathRandom;
  const paths = pathsFor(config);
  for (const dir of [paths.data, paths.uploads, paths.exports]) mkdirSync(dir, { recursive: true });
  // Two processes on one database would each send the same queue: the second is refused before it opens it.
  const dataLock = PidLock.acquire(join(paths.data, 'zapcast.lock'), (pid) => new DataDirInUseError(paths.data, pid));
  let db: Db;
  try {
    db = openDatabase(paths.database);
  } catch (error) {
    dataLock.release();
    throw error;
  }
  // Taken right after the open, so the file identity it keeps is the file opened.
  const databaseProbe = new DatabaseProbe(db, paths.database, clock);
  const repos: Repositories = createRepositories(db, sentContentKeepMs(config.retentionDays));
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
    warmUp: { days: config.safety.warmUpDays, startCap: config.safety.warmUpStartCap },
    quietHours: config.quietHours,
    timeZone: config.timeZone,
    dryRun,
    sendMs: dryRun ? config.dryRun.latencyMs : 1_000,
  });

  const makeTransport =
    options.transportFor ??
    transportFactory(config, {
      clock,
      random,
      logger,
      // Recipients' retry requests are answered from SQLite, so they work after a restart too.
      sentContents: repos.sentContents,
    });

  const links = new LinkMonitor(events, clock);
  const metrics = new MetricsRegistry();
  const sessions = config.sessionNames.map((sessionName) => {
    const parts = setUpSession(sessionName, makeTransport(sessionName), {
      config, repos, queue, lifecycle, renderer, campaigns, status, dispatcher, clock, random, events, logger,
      onBreakerTrip: (number, reason) => metrics.increment('zapcast_breaker_trips_total', { number, reason }),
      onSendLatency: (number, elapsedMs) => metrics.observeSendLatency(number, elapsedMs / 1000),
      database: databaseProbe,
    });
    dispatcher.add(parts);
    links.track(sessionName, parts.transport.state, repos.waSessions.get(sessionName)?.phone ?? null);
    return parts;
  });
  links.start();
  const scheduling = createScheduling({ config, repos, campaigns, clock, events, logger, metrics });
  const frontEndStatus = new FrontEndStatusBoard(clock);
  const ops = createOps({ config, paths, repos, dispatcher, clock, logger, metrics, frontEnds: frontEndStatus, dryRun, database: databaseProbe });

  const imports = new RunningImports();
  const services: AppServices = {
    config, paths, repos, clock, events, logger, campaigns, status, dispatcher, links, schedules: scheduling.service, metrics, commands: COMMANDS, frontEndStatus, imports, dryRun,
  };
  const router = new CommandRouter(services, COMMANDS);
  const frontEnds: ChatFrontEnd[] = [];
  if (consoleEnabled(config)) {
    frontEnds.push(new ConsoleFrontEnd(services, router, { input: options.input ?? process.stdin, output: options.output ?? process.stdout }));
  }
  const token = config.telegramToken;
  if (token) {
    frontEnds.push(
      new LazyFrontEnd('telegram', async () => {
        const { TelegramFrontEnd } = await import('./chat/telegram/telegram-front-end.js');
        return new TelegramFrontEnd(services, router, {
          token,
          apiRoot: config.telegramApiRoot,
          operators: config.telegramOperators,
          chats: config.telegramChats,
          maxUpdateAgeS: config.telegramMaxUpdateAgeS,
          ...options.telegram,
        });
      }),
    );
  }

  const discord = config.discord;
  if (discord.token) {
    frontEnds.push(
      new LazyFrontEnd('discord', async () => {
        const { DiscordFrontEnd } = await import('./chat/discord/discord-front-end.js');
        return new DiscordFrontEnd(services, router, { settings: discord, ...options.discord });
      }),
    );
  }

  return {
    services,
    router,
    frontEnds,
    health: () => ops.health(),
    scheduler: scheduling.scheduler,
    async start() {
      // First, so a taken HEALTH_PORT stops the start before anything else happens.
      await ops.start();
      discardUnfinishedLists(db, repos.lists, logger);
      const interrupted = queue.recoverInterrupted();
      if (interrupted > 0) logger.warn({ interrupted }, 'messages interrupted mid-send are now unknown and will not be resent automatically');
      await campaigns.finishInterruptedEnqueues();
      if (frontEnds.length === 0) {
        // Sending and schedules go on, but nobody can run a command, link WhatsApp or hear a notice.
        logger.warn(
          'WARNING: no operator front-end. CONSOLE=off and neither TELEGRAM_BOT_TOKEN nor DISCORD_TOKEN is set, so nobody can run commands, link WhatsApp or receive notices. Set a chat token, or CONSOLE=on.',
        );
      }
      for (const frontEnd of frontEnds) await frontEnd.start();
      dispatcher.start();
      // After the front-ends, so they hear about runs started or missed while zapcast was down.
      await scheduling.start();
      for (const { transport } of sessions) await transport.connect();
      logger.info({ transport: config.transport, sessions: config.sessionNames, data: paths.data }, 'zapcast started');
    },
    async stop() {
      // First: a long import would otherwise hold the stop; each one stopped cleans up after itself.
      const stoppedImports = await imports.stopAll();
      if (stoppedImports > 0) logger.warn({ imports: stoppedImports }, 'stopped the imports running at shutdown; nothing of them was kept');
      await scheduling.stop();
      await ops.stop();
      await dispatcher.stop();
      for (const session of sessions) session.unwire();
      for (const frontEnd of frontEnds) await frontEnd.stop();
      links.stop();
      db.close();
      dataLock.release();
      logger.info('zapcast stopped');
    },
  };
}
