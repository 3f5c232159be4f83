import { performance } from 'node:perf_hooks';
import { decideDue, MISSED_COUNT_LIMIT } from '../src/scheduler/catch-up.js';
import { checkCronExpression } from '../src/scheduler/cron-rules.js';
import { nextFire } from '../src/scheduler/fire-times.js';
import type { ScheduleSpec } from '../src/scheduler/schedule-spec.js';
import { FigureReport, formatMs, reportBenchFailure } from './support/figures.js';

/**
 * What scheduling on node-cron costs where zapcast computes fire times itself:
 * the next fire (each /schedule, each fire, start-up), node-cron's check of an
 * operator's expression, and the catch-up after downtime, whose worst case
 * walks MISSED_COUNT_LIMIT missed minutes.
 */
const CALLS = 2_000;
const CATCH_UP_TARGET_MS = 250;
const NEXT_FIRE_TARGET_MS = 1;

const SPECS: { name: string; spec: ScheduleSpec }[] = [
  { name: 'daily 09:00 America/New_York', spec: { recurrence: { kind: 'daily', hour: 9, minute: 0 }, timeZone: 'America/New_York', untilAt: null } },
  { name: 'monthly 31 08:00 Europe/Madrid', spec: { recurrence: { kind: 'monthly', day: 31, hour: 8, minute: 0 }, timeZone: 'Europe/Madrid', untilAt: null } },
  { name: 'cron "*/15 9-17 * * MON-FRI" Sao Paulo', spec: { recurrence: { kind: 'cron', expression: '*/15 9-17 * * MON-FRI' }, timeZone: 'America/Sao_Paulo', untilAt: null } },
  { name: 'cron "0 9 13 * FRI" UTC', spec: { recurrence: { kind: 'cron', expression: '0 9 13 * FRI' }, timeZone: 'UTC', untilAt: null } },
];

function perCallMs(calls: number, work: (i: number) => unknown): number {
  const started = performance.now();
  for (let i = 0; i < calls; i++) work(i);
  return (performance.now() - started) / calls;
}

function main(): void {
  const report = new FigureReport();
  const from = Date.UTC(2026, 0, 5, 12);
  const HOUR = 3_600_000;

  report.section(`next fire time on node-cron's matcher (mean of ${CALLS} calls, an hour apart)`);
  for (const { name, spec } of SPECS) {
    nextFire(spec, from);
    const ms = perCallMs(CALLS, (i) => nextFire(spec, from + i * HOUR));
    report.add({ label: name, value: formatMs(ms, 3), target: `< ${NEXT_FIRE_TARGET_MS} ms`, pass: ms < NEXT_FIRE_TARGET_MS });
  }

  report.section('an operator\'s expression checked by node-cron');
  const expressions = ['0 9 * * MON-FRI', '*/20 9-10 * * 1-5', '0 25 * * FUNDAY', '0 18 L * *'];
  report.add({ label: `mean of ${CALLS} checks`, value: formatMs(perCallMs(CALLS, (i) => checkCronExpression(expressions[i % expressions.length]!)), 4) });

  report.section('catch-up after downtime');
  const minutely: ScheduleSpec = { recurrence: { kind: 'cron', expression: '* * * * *' }, timeZone: 'Europe/Madrid', untilAt: null };
  const started = performance.now();
  const decision = decideDue(minutely, from, from + 5 * 24 * HOUR, HOUR);
  const catchUpMs = performance.now() - started;
  report.add({
    label: `"* * * * *" down 5 days (${decision.missed}${decision.missedAtLeast ? '+' : ''} missed, limit ${MISSED_COUNT_LIMIT})`,
    value: formatMs(catchUpMs),
    target: `< ${CATCH_UP_TARGET_MS} ms`,
    pass: catchUpMs < CATCH_UP_TARGET_MS,
  });
  const daily = SPECS[0]!.spec;
  const yearMs = perCallMs(20, () => decideDue(daily, from, from + 365 * 24 * HOUR, HOUR));
  report.add({ label: 'daily, down a year (365 missed)', value: formatMs(yearMs), target: `< ${CATCH_UP_TARGET_MS} ms`, pass: yearMs < CATCH_UP_TARGET_MS });
  report.summary();
}

try {
  main();
} catch (error) {
  reportBenchFailure('schedule bench')(error);
}
