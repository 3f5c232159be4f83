import { resolve } from 'node:path';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../core/clock.js';
import type { Db } from '../db/connection.js';
import { cronTaskLogger } from '../scheduler/cron-rules.js';
import { pruneAuthBackups } from './auth-backups.js';
import type { OpsQueries } from './ops-queries.js';
import { pruneOldFiles } from './prune-files.js';
import { dropOldBodies } from './retention.js';

export const DAY_MS = 86_400_000;
/** The first pass waits a little, so start-up (catch-up runs, reconnects) has the machine first. */
export const FIRST_PASS_DELAY_MS = 60_000;
/** The daily pass, in TZ: 04:30, when campaigns are least likely to be sending. */
export const DAILY_PASS_CRON = '30 4 * * *';

export interface HousekeepingDeps {
  db: Db;
  queries: OpsQueries;
  clock: Clock;
  logger: Logger;
  /** 0 keeps everything (the database is still optimised). */
  retentionDays: number;
  uploadsDir: string;
  exportsDir: string;
  sessionsDir: string;
  /** TZ: the daily pass runs at DAILY_PASS_CRON in this zone. */
  timeZone: string;
}

export interface HousekeepingReport {
  bodiesDropped: number;
  uploadsRemoved: number;
  exportsRemoved: number;
  authBackupsRemoved: number;
  optimised: boolean;
  /** Steps that failed (logged); the others still ran. */
  failures: string[];
}

/**
 * The daily clean-up: message texts past RETENTION_DAYS are dropped (outcomes
 * and counters stay), old uploads, exports and login backups are deleted, and
 * SQLite refreshes its query statistics. Once shortly after start (a Clock
 * timer), then daily at 04:30 in TZ on a node-cron task.
 */
export class Housekeeping {
  private timer: TimerHandle | undefined;
  private daily: ScheduledTask | undefined;
  private running: Promise<HousekeepingReport> | undefined;
  private shuttingDown = false;

  constructor(private readonly deps: HousekeepingDeps) {}

  start(): void {
    this.shuttingDown = false;
    this.timer = this.deps.clock.setTimer(FIRST_PASS_DELAY_MS, () => void this.runOnce());
    this.daily = cron.createTask(DAILY_PASS_CRON, () => this.runOnce(), {
      name: 'housekeeping',
      timezone: this.deps.timeZone,
      noOverlap: true,
      unref: true,
      logger: cronTaskLogger(this.deps.logger),
    });
    void this.daily.start();
  }

  /** When node-cron runs the next daily pass; undefined when stopped. */
  nextDailyPass(): number | undefined {
    return this.daily?.getNextRun()?.getTime();
  }

  /** One pass now; a pass already under way is joined, not doubled. */
  runOnce(): Promise<HousekeepingReport> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<HousekeepingReport> {
    const { deps } = this;
    const report: HousekeepingReport = { bodiesDropped: 0, uploadsRemoved: 0, exportsRemoved: 0, authBackupsRemoved: 0, optimised: false, failures: [] };
    const step = async (name: string, work: () => Promise<void> | void) => {
      try {
        await work();
      } catch (error) {
        report.failures.push(name);
        deps.logger.error({ err: error, step: name }, 'housekeeping step failed');
      }
    };
    if (deps.retentionDays > 0) {
      const cutoff = deps.clock.now() - deps.retentionDays * DAY_MS;
      await step('message texts', async () => {
        report.bodiesDropped = await dropOldBodies(deps.db, cutoff, { shouldGoOn: () => !this.shuttingDown });
      });
      await step('uploads', () => {
        const keep = new Set(deps.queries.mediaInUse().map((path) => resolve(path)));
        report.uploadsRemoved = pruneOldFiles(deps.uploadsDir, cutoff, keep).length;
      });
      await step('exports', () => {
        report.exportsRemoved = pruneOldFiles(deps.exportsDir, cutoff).length;
      });
      await step('login backups', () => {
        report.authBackupsRemoved = pruneAuthBackups(deps.sessionsDir, cutoff).length;
      });
    }
    if (this.shuttingDown) return report;
    await step('optimise', () => {
      deps.db.pragma('optimize');
      report.optimised = true;
    });
    deps.logger.info({ ...report, retentionDays: deps.retentionDays }, 'housekeeping done');
    return report;
  }

  /** Cancels the next pass and waits for one under way. */
  async stop(): Promise<void> {
    this.shuttingDown = true;
    this.timer?.cancel();
    this.timer = undefined;
    void this.daily?.destroy();
    this.daily = undefined;
    await this.running?.catch(() => undefined);
  }
}
