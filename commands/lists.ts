import { defineCommand, text } from '../src/core/command.js';

export default defineCommand({
  name: 'lists',
  description: 'Show the contact lists',
  readOnly: true,
  options: [],
  async run(ctx) {
    const lists = ctx.services.repos.lists.list();
    if (lists.length === 0) return text('No lists yet. Send a CSV with /import.');
    const lines = lists.map((l) => `List ${l.id}: "${l.name}", ${l.contactCount} contacts, imported ${new Date(l.createdAt).toISOString().slice(0, 16).replace('T', ' ')}`);
    return text(lines.join('\n'));
  },
});
