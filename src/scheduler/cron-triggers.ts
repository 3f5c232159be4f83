import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Schedule } from '../db/repos/schedules-repo.js';
import { cronTaskLogger } from './cron-rules.js';
import { triggersOf, type CronTrigger } from './fire-times.js';
import { specOf } from './stored-schedule.js';

interface LiveSchedule {
  /** What the tasks were built from: a change (none today, but rows are data) rebuilds them. */
  key: string;
  tasks: ScheduledTask[];
}

/**
 * One node-cron task per trigger of each enabled schedule, in the schedule's
 * zone. A task does not decide anything: it only wakes the scheduler, which
 * reads what is due from SQLite, so a fire is recorded once however many
 * tasks (or a missed-execution report after the machine slept) wake it.
 */
export class CronTriggers {
  private readonly live = new Map<number, LiveSchedule>();

  constructor(
    private readonly deps: {
      logger: Logger;
      /** Runs whatever is due; its promise lets node-cron's noOverlap see a pass still going. */
      wake: () => Promise<void>;
      /** How late node-cron may still run a slot itself; later ones arrive as missed, and wake too. */
      lateToleranceMs: number;
    },
  ) {}

  /** Tasks for every schedule given, none for any other. */
  sync(schedules: readonly Schedule[]): void {
    const wanted = new Map<number, Schedule>();
    for (const schedule of schedules) if (schedule.enabled && schedule.nextFireAt !== null) wanted.set(schedule.id, schedule);
    for (const [id, live] of this.live) {
      const schedule = wanted.get(id);
      if (!schedule || keyOf(schedule) !== live.key) this.drop(id);
    }
    for (const [id, schedule] of wanted) if (!this.live.has(id)) this.add(schedule);
  }

  /** The earliest instant a live task will fire, as node-cron reports it. */
  nextWake(): number | undefined {
    let earliest: number | undefined;
    for (const live of this.live.values()) {
      for (const task of live.tasks) {
        const at = task.getNextRun()?.getTime();
        if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
      }
    }
    return earliest;
  }

  /** Names of the live tasks, for logs and tests. */
  names(): string[] {
    return [...this.live.values()].flatMap((live) => live.tasks.map((task) => task.name ?? task.id));
  }

  destroyAll(): void {
    for (const id of [...this.live.keys()]) this.drop(id);
  }

  private add(schedule: Schedule): void {
    const spec = specOf(schedule);
    // A row this build cannot read gets no task; the scheduler ends it when it comes due.
    if (!spec) return;
    const triggers = triggersOf(spec.recurrence, spec.timeZone);
    try {
      this.live.set(schedule.id, { key: keyOf(schedule), tasks: this.createTasks(schedule.id, triggers) });
    } catch (error) {
      // A zone the runtime no longer knows, say: the schedule is left to the next wake, and said in the log.
      this.deps.logger.error({ err: error, scheduleId: schedule.id }, 'could not create the node-cron task of a schedule');
    }
  }

  private createTasks(scheduleId: number, triggers: CronTrigger[]): ScheduledTask[] {
    const tasks: ScheduledTask[] = [];
    try {
      for (const [index, trigger] of triggers.entries()) tasks.push(this.createTask(scheduleId, trigger, triggers.length > 1 ? index + 1 : undefined));
    } catch (error) {
      for (const task of tasks) void task.destroy();
      throw error;
    }
    return tasks;
  }

  private createTask(scheduleId: number, trigger: CronTrigger, triggerNumber: number | undefined): ScheduledTask {
    const task = cron.createTask(trigger.pattern, () => this.deps.wake(), {
      name: `schedule ${scheduleId}${triggerNumber === undefined ? '' : ` trigger ${triggerNumber}`}`,
      timezone: trigger.timeZone,
      noOverlap: true,
      missedExecutionTolerance: this.deps.lateToleranceMs,
      // Telegram, Discord and the console keep the process alive; a schedule alone does not.
      unref: true,
      logger: cronTaskLogger(this.deps.logger),
    });
    // A slot node-cron did not run (too late, or a pass still going) may still be due in SQLite.
    task.on('execution:missed', () => void this.deps.wake());
    task.on('execution:overlap', () => void this.deps.wake());
    void task.start();
    return task;
  }

  private drop(id: number): void {
    for (const task of this.live.get(id)?.tasks ?? []) void task.destroy();
    this.live.delete(id);
  }
}

const keyOf = (schedule: Schedule) => `${schedule.kind}|${schedule.expression}|${schedule.timeZone}`;
