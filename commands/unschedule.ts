import { defineCommand, text } from '../src/core/command.js';
import { describeState } from '../src/campaigns/run-state.js';

export default defineCommand({
  name: 'unschedule',
  description: 'Remove a schedule (a run already started goes on)',
  options: [{ name: 'schedule', type: 'integer', description: 'The schedule id (see /schedules)', required: true }],
  async run(ctx, args) {
    const { schedule, campaign } = ctx.services.schedules.remove(args.integer('schedule'));
    return text(`Schedule ${schedule.id} removed. Campaign ${campaign.id} is ${describeState(campaign.state)}.`);
  },
});
