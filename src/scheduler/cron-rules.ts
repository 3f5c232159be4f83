import cron, { type Logger as CronLogger } from 'node-cron';
import type { Logger } from 'pino';
import { err, ok, type Result } from '../core/result.js';

/**
 * Cron rules are node-cron's: operators' expressions are checked by its
 * validator, fire times come from the matcher its tasks fire by, so the time
 * /schedules shows, the catch-up after downtime and the fire itself agree.
 *
 * Where node-cron differs from crontab(5): when both day of month and weekday
 * are restricted a day must match both ("0 9 13 * FRI" is Friday the 13th); a
 * time the clocks skip on a spring-forward night does not happen, so that
 * day has no fire; a time the clocks show twice on a fall-back night fires once.
 */

/** How node-cron reads a time of day in a zone: the part of a task that finds its next fire. */
interface CronMatcher {
  getNextMatch(date: Date): Date;
  match(date: Date): boolean;
}

export class CronMatcherUnavailableError extends Error {
  override name = 'CronMatcherUnavailableError';
  constructor() {
    super('node-cron does not expose the matcher its tasks fire by; the pinned version (4.6.0) does.');
  }
}

const FIELD_RULES: Record<string, { label: string; accepts: string }> = {
  minute: { label: 'minute', accepts: '0-59' },
  hour: { label: 'hour', accepts: '0-23' },
  dayOfMonth: { label: 'day of month', accepts: '1-31, L, L-2 or 15W' },
  month: { label: 'month', accepts: '1-12 or JAN-DEC' },
  dayOfWeek: { label: 'weekday', accepts: '0-7 or SUN-SAT, 5L, 1#2' },
};

/**
 * A 5-field expression (minute hour day month weekday) as node-cron reads it,
 * or node-cron's complaint about each field that is wrong, on one line.
 * node-cron also takes a leading seconds field; operators schedule to the minute.
 */
export function checkCronExpression(expression: string): Result<string> {
  const text = expression.trim().replace(/\s+/g, ' ');
  const count = text === '' ? 0 : text.split(' ').length;
  if (!text.startsWith('@') && count !== 5) {
    return err(`"${text}" has ${count} field${count === 1 ? '' : 's'}; a cron expression has 5 (minute hour day month weekday)`);
  }
  const checked = cron.validateDetailed(text);
  if (checked.valid) return ok(text);
  const problems = checked.errors.map((problem) => {
    const rule = FIELD_RULES[problem.field];
    if (!rule) return /illegal/.test(problem.message) ? 'it has characters cron does not use (only letters, digits and * , - / # ?)' : problem.message;
    if (/impossible/.test(problem.message)) return `day of month "${problem.value}" never comes in the months it names`;
    return `${rule.label} "${problem.value}" is not valid (${rule.accepts})`;
  });
  return err(`"${text}" is not a cron expression node-cron accepts: ${problems.join('; ')}`);
}

// A matcher is built once per (pattern, zone): building one parses the pattern.
const matchers = new Map<string, CronMatcher>();
const MATCHER_CACHE_SIZE = 256;

function matcherFor(pattern: string, timeZone: string): CronMatcher {
  const key = `${timeZone} ${pattern}`;
  let matcher = matchers.get(key);
  if (!matcher) {
    // A task that is never started: it only lends its matcher, and leaves node-cron's registry at once.
    const task = cron.createTask(pattern, () => undefined, { timezone: timeZone, name: 'zapcast fire-time probe' });
    const found = (task as unknown as { timeMatcher?: Partial<CronMatcher> }).timeMatcher;
    void task.destroy();
    if (typeof found?.getNextMatch !== 'function' || typeof found.match !== 'function') throw new CronMatcherUnavailableError();
    matcher = found as CronMatcher;
    if (matchers.size >= MATCHER_CACHE_SIZE) matchers.clear();
    matchers.set(key, matcher);
  }
  return matcher;
}

/** The first instant strictly after `after` that node-cron fires `pattern` at in `timeZone`, or null for never. */
export function nextCronMatch(pattern: string, timeZone: string, after: number): number | null {
  try {
    return matcherFor(pattern, timeZone).getNextMatch(new Date(after)).getTime();
  } catch (error) {
    if (error instanceof CronMatcherUnavailableError) throw error;
    // node-cron gives up after a century without a match ("0 0 31 2 *" never comes).
    return null;
  }
}

/** node-cron's own notices (a slot blocked by a pass still going, one missed) go to the debug log; its task errors are warnings. */
export function cronTaskLogger(logger: Logger): CronLogger {
  const child = logger.child({ component: 'node-cron' });
  return {
    info: (message) => child.debug(message),
    warn: (message) => child.debug(message),
    error: (message, error) => child.warn({ err: message instanceof Error ? message : error }, 'node-cron task error'),
    debug: (message) => child.debug(String(message)),
  };
}
