import { ApplicationCommandOptionType, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../commands/index.js';
import { InvalidSlashCommandError, LONGEST_STRING_OPTION, registrationHash, slashCommandOf, slashCommands } from '../../../../src/chat/discord/slash-commands.js';
import { defineCommand, text } from '../../../../src/core/command.js';

const run = async () => text('ok');

describe('slash commands from the registry', () => {
  const commands = slashCommands(COMMANDS);

  it('gives every registry command and option, typed as Discord types them', () => {
    expect(commands.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const [index, definition] of COMMANDS.entries()) {
      const command = commands[index]!;
      expect(new Set(command.options?.map((o) => o.name))).toEqual(new Set(definition.options.map((o) => o.name)));
      for (const option of definition.options) {
        const slash = command.options!.find((o) => o.name === option.name)!;
        const expected = { string: ApplicationCommandOptionType.String, datetime: ApplicationCommandOptionType.String, integer: ApplicationCommandOptionType.Integer, boolean: ApplicationCommandOptionType.Boolean, attachment: ApplicationCommandOptionType.Attachment }[option.type];
        expect(slash.type, `${definition.name} ${option.name}`).toBe(expected);
        expect(slash.required ?? false).toBe(option.required === true);
      }
    }
  });

  it("keeps within Discord's rules: names, description length, required options first", () => {
    for (const command of commands) {
      expect(command.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(command.description.length).toBeLessThanOrEqual(100);
      const required = (command.options ?? []).map((o) => o.required === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
      for (const option of command.options ?? []) {
        expect(option.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(option.description.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('takes /import files and /send media as attachments, and lets /send message be as long as Discord allows', () => {
    const importFile = commands.find((c) => c.name === 'import')!.options!.find((o) => o.name === 'file')!;
    expect(importFile).toMatchObject({ type: ApplicationCommandOptionType.Attachment, required: true });
    const send = commands.find((c) => c.name === 'send')!;
    expect(send.options!.find((o) => o.name === 'media')).toMatchObject({ type: ApplicationCommandOptionType.Attachment, required: false });
    expect(send.options!.find((o) => o.name === 'message')).toMatchObject({ type: ApplicationCommandOptionType.String, max_length: LONGEST_STRING_OPTION });
  });

  it('asks for suggestions on options that name a campaign, list, schedule or number', () => {
    const option = (command: string, name: string) => commands.find((c) => c.name === command)!.options!.find((o) => o.name === name) as { autocomplete?: boolean };
    expect(option('status', 'campaign').autocomplete).toBe(true);
    expect(option('send', 'list').autocomplete).toBe(true);
    expect(option('unschedule', 'schedule').autocomplete).toBe(true);
    expect(option('qr', 'session').autocomplete).toBe(true);
    expect(option('import', 'country').autocomplete).toBeUndefined();
  });

  it('offers fixed choices as Discord choices', () => {
    const action = commands.find((c) => c.name === 'breaker')!.options!.find((o) => o.name === 'action') as { choices?: { name: string; value: string }[] };
    expect(action.choices?.map((c) => c.value)).toEqual(expect.arrayContaining(['resume', 'slow-down', 'stop']));
  });

  it('is for server managers, in servers only', () => {
    for (const command of commands) {
      expect(command.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
      expect(command.contexts).toEqual([InteractionContextType.Guild]);
    }
  });

  it('puts required options first even when the definition lists them later', () => {
    const command = slashCommandOf(
      defineCommand({
        name: 'demo',
        description: 'x'.repeat(150),
        options: [
          { name: 'extra', type: 'boolean', description: 'optional' },
          { name: 'when', type: 'datetime', description: 'required', required: true },
        ],
        run,
      }),
    );
    expect(command.options!.map((o) => o.name)).toEqual(['when', 'extra']);
    expect(command.description).toHaveLength(100);
    expect(command.description.endsWith('…')).toBe(true);
  });

  it('refuses a definition Discord would reject, naming it', () => {
    expect(() => slashCommandOf(defineCommand({ name: 'Send', description: 'd', options: [], run }))).toThrow(InvalidSlashCommandError);
    const tooMany = Array.from({ length: 26 }, (_, i) => `c${i}`);
    expect(() => slashCommandOf(defineCommand({ name: 'pick', description: 'd', options: [{ name: 'which', type: 'string', description: 'd', choices: tooMany }], run }))).toThrow(/26 choices; Discord takes 25/);
  });

  it('hashes a registration by its commands, application and server', () => {
    const same = registrationHash(commands, '1', '2');
    expect(registrationHash(slashCommands(COMMANDS), '1', '2')).toBe(same);
    expect(registrationHash(commands, '1', undefined)).not.toBe(same);
    expect(registrationHash(commands.slice(1), '1', '2')).not.toBe(same);
  });
});
