import { defineCommand, text } from '../src/core/command.js';
import { usageLine } from '../src/core/command-parser.js';
import { ZapcastError } from '../src/core/errors.js';

export default defineCommand({
  name: 'help',
  description: 'List the commands, or explain one',
  readOnly: true,
  options: [{ name: 'command', type: 'string', description: 'A command to explain' }],
  async run(ctx, args) {
    const commands = ctx.services.commands;
    const wanted = args.optionalString('command')?.replace(/^\//, '').toLowerCase();
    if (wanted) {
      const command = commands.find((c) => c.name === wanted);
      if (!command) throw new ZapcastError(`There is no command /${wanted}. Send /help for the list.`);
      const options = command.options.map((o) => `  ${o.name}${o.required ? '' : ' (optional)'}: ${o.description}`);
      return text([usageLine(command), command.description, ...options, ...(command.help ?? [])].join('\n'));
    }
    const lines = commands.map((c) => `${usageLine(c)}\n  ${c.description}`);
    return text(`${ctx.services.dryRun ? '[DRY RUN] ' : ''}zapcast commands:\n${lines.join('\n')}`);
  },
});
