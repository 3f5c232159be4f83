import { defineCommand, text } from '../src/core/command.js';
import { describeSchedule } from '../src/scheduler/stored-schedule.js';

export default defineCommand({
  name: 'schedules',
  description: 'List the schedules still to run, with their next run times',
  readOnly: true,
  options: [{ name: 'campaign', type: 'integer', description: 'Only this campaign' }],
  async run(ctx, args) {
    const { services } = ctx;
    const campaignId = args.optionalInteger('campaign');
    const schedules = services.schedules.list(campaignId);
    if (schedules.length === 0) {
      return text(`No schedules${campaignId === undefined ? '' : ` for campaign ${campaignId}`}. Add one with /schedule <campaign> <when>.`);
    }
    const lines = schedules.map((s) => describeSchedule(s, services.config.timeZone));
    return text(`Times are ${services.config.timeZone} unless marked.\n${lines.join('\n')}`);
  },
});
