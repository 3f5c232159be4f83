import { rmSync } from 'node:fs';
import { defineCommand, text } from '../src/core/command.js';
import { describeState, FINISHED_RUN_STATES } from '../src/campaigns/run-state.js';
import { RejectedRowsFile } from '../src/contacts/rejected-rows.js';
import { NotFoundError, ZapcastError } from '../src/core/errors.js';

export default defineCommand({
  name: 'droplist',
  description: 'Delete a contact list and its contacts (reports of finished campaigns keep their figures)',
  options: [{ name: 'list', type: 'integer', description: 'The list id from /lists', required: true }],
  help: ['A list that a draft, scheduled or running campaign still uses is refused: /cancel or /stop that campaign first.'],
  async run(ctx, args) {
    const { services } = ctx;
    const listId = args.integer('list');
    const list = services.repos.lists.get(listId);
    if (!list) throw new NotFoundError('List', listId);
    const campaigns = services.repos.campaigns.ofList(listId);
    const using = campaigns.filter((c) => !FINISHED_RUN_STATES.includes(c.state));
    if (using.length > 0) {
      const names = using.map((c) => `${c.id} (${describeState(c.state)})`).join(', ');
      throw new ZapcastError(`List ${listId} is used by campaign${using.length > 1 ? 's' : ''} ${names}; /cancel or /stop ${using.length > 1 ? 'them' : 'it'} first.`);
    }
    const deleted = services.repos.lists.drop(listId, campaigns.length > 0);
    // The rejected rows hold people's data too.
    rmSync(new RejectedRowsFile(services.paths.exports, listId).path, { force: true });
    return text(`List ${listId} "${list.name}" dropped: ${deleted} contact(s) deleted.${campaigns.length > 0 ? ' Reports of its campaigns keep their figures.' : ''}`);
  },
});
