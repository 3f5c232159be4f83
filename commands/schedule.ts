import { defineCommand, text } from '../src/core/command.js';
import { formatQuietHours, quietUntil } from '../src/dispatch/quiet-hours.js';
import { firstSkippedDay } from '../src/scheduler/dst-gaps.js';
import { clockText, describeRecurrence, isRecurring } from '../src/scheduler/schedule-spec.js';
import { localTime } from '../src/scheduler/stored-schedule.js';

export default defineCommand({
  name: 'schedule',
  description: 'Run a campaign at a set time, or on a calendar (daily, weekly, monthly, cron)',
  options: [
    { name: 'campaign', type: 'integer', description: 'The campaign id', required: true },
    { name: 'when', type: 'string', description: '2026-12-01T09:00, daily 09:00, weekly MON 09:00, monthly 15 09:00 or "0 9 * * MON"', required: true, rest: true },
    { name: 'until', type: 'string', description: 'Last day of a recurring schedule, e.g. 2026-12-31', keyword: true },
    { name: 'tz', type: 'string', description: 'Time zone, e.g. Europe/Madrid (default: TZ)', keyword: true },
  ],
  help: [
    'Examples:',
    '  /schedule 7 2026-12-01T09:00           once, at 09:00 in TZ',
    '  /schedule 7 2026-12-01T09:00-03:00     once, at that UTC offset',
    '  /schedule 7 daily 09:00 until=2026-12-31',
    '  /schedule 7 weekly MON,THU 18:30 tz=Europe/Madrid',
    '  /schedule 7 monthly 15 09:00           (29-31 run on the last day of shorter months)',
    '  /schedule 7 "0 9 * * MON-FRI"          cron: minute hour day month weekday',
    'Cron follows node-cron: L (last day of the month) and 1#2 (second Monday) work; with both a day of the month',
    'and a weekday, a day must match both. A time the clocks skip for daylight saving has no run that day.',
    'Each run goes to the list as it is then; opted-out numbers are skipped. A run due while the previous one is',
    'still going is skipped and reported. A run due in quiet hours starts then and its messages wait for their end.',
  ],
  async run(ctx, args) {
    const { services, invocation } = ctx;
    const campaignId = args.integer('campaign');
    const { schedule, spec, campaign } = services.schedules.add(
      campaignId,
      { when: args.string('when'), until: args.optionalString('until'), timeZone: args.optionalString('tz') },
      `${invocation.frontEnd}:${invocation.actor.id}`,
    );
    const zone = services.config.timeZone;
    const first = schedule.nextFireAt!;
    const lines = [
      `Campaign ${campaignId} scheduled: ${describeRecurrence(spec.recurrence, spec.timeZone)}${spec.timeZone === zone ? '' : ` (${spec.timeZone})`} (schedule ${schedule.id}).`,
    ];
    if (isRecurring(spec.recurrence)) {
      lines.push(`First run ${localTime(first, spec.timeZone, zone)}${spec.untilAt === null ? '' : `; last possible ${localTime(spec.untilAt, spec.timeZone, zone)}`}.`);
    }
    const skipped = firstSkippedDay(spec, services.clock.now());
    if (skipped !== undefined && 'hour' in spec.recurrence) {
      const time = clockText(spec.recurrence.hour, spec.recurrence.minute);
      lines.push(`${skipped} has no ${time} in ${spec.timeZone} (the clocks skip it for daylight saving), so there is no run that day.`);
    }
    lines.push('Each run goes to the list as it is then; opted-out numbers are skipped.');
    const quiet = services.config.quietHours;
    const quietEnd = quietUntil(first, quiet, zone);
    if (quiet && quietEnd !== undefined) {
      lines.push(`It falls in quiet hours (${formatQuietHours(quiet)}): the run starts then and its messages wait until ${localTime(quietEnd, zone, zone)}.`);
    }
    if (campaign.state !== 'scheduled') lines.push(`Campaign ${campaignId} is ${campaign.state.replace(/_/g, ' ')} now; a run due before it ends is skipped.`);
    lines.push(`/schedules lists the schedules; /unschedule ${schedule.id} removes this one.`);
    return text(lines.join('\n'));
  },
});
