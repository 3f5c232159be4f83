import { randomBytes } from 'node:crypto';
import { visibleCommand } from './commands.js';
import { ATTACHMENT_SIZE_LIMIT, storeAttachment } from './messages.js';
import { attachmentJson, channelJson, interactionMemberJson, memberJson, memberPermissions, roleJson, userJson } from './payloads.js';
import { Permission, snowflake, type FakeChannel, type FakeState, type FakeUser, type StoredMessage } from './state.js';

type Json = Record<string, unknown>;

/** An option value as a test gives it; a file becomes an attachment option (type 11). */
export type OptionValue = string | number | boolean | { fileName: string; bytes: Buffer; contentType?: string };

const OptionType = { Subcommand: 1, Group: 2, String: 3, Integer: 4, Boolean: 5, User: 6, Channel: 7, Role: 8, Mentionable: 9, Number: 10, Attachment: 11 } as const;

export interface Envelope {
  id: string;
  token: string;
  payload: Json;
}

/** The fields every interaction carries; discord.js reads all of them in BaseInteraction's constructor. */
export function envelope(state: FakeState, type: number, user: FakeUser, channel: FakeChannel, data: Json, extra: Json = {}): Envelope {
  const id = snowflake();
  // Real tokens are base64 of "interaction:<id>:<secret>": URL-safe, long, no separators.
  const token = Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
  const inGuild = channel.guildId !== null;
  const botMember = state.members.get(state.bot.id);
  const appPermissions = inGuild && botMember ? memberPermissions(state, botMember) : Permission.ViewChannel | Permission.SendMessages | Permission.EmbedLinks | Permission.AttachFiles | Permission.ReadMessageHistory;
  const payload: Json = {
    id,
    application_id: state.applicationId,
    type,
    data,
    channel: channelForInteraction(state, channel, user),
    channel_id: channel.id,
    token,
    version: 1,
    app_permissions: appPermissions.toString(),
    locale: 'en-US',
    entitlements: [],
    // Key 0 is GUILD_INSTALL; its value is "0" when the guild-installed app is used in its DMs.
    authorizing_integration_owners: { 0: inGuild ? state.guild.id : '0' },
    context: inGuild ? 0 : 1,
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    ...extra,
  };
  if (inGuild) {
    const member = state.members.get(user.id) ?? state.addMember(user);
    Object.assign(payload, {
      guild: { id: state.guild.id, locale: 'en-US', features: [] },
      guild_id: state.guild.id,
      guild_locale: 'en-US',
      member: interactionMemberJson(state, member),
    });
  } else {
    payload.user = userJson(user);
  }
  return { id, token, payload };
}

function channelForInteraction(state: FakeState, channel: FakeChannel, user: FakeUser): Json {
  const json = channelJson(state, channel) as unknown as Json;
  if (channel.type === 1) return { ...json, recipients: [userJson(user)] };
  const member = state.members.get(user.id);
  return { ...json, permissions: (member ? memberPermissions(state, member) : 0n).toString() };
}

interface CommandShape {
  commandId: string;
  commandGuildId: string | undefined;
  root: string;
  /** Subcommand group and subcommand names, outermost first. */
  path: string[];
  /** Leaf option definitions by name; undefined when the command was never registered. */
  definitions: Map<string, Json> | undefined;
}

/** Finds the registered command (and subcommand) a user would pick in the client. */
export function commandShape(state: FakeState, fullName: string, guildId: string | null, mustExist: boolean): CommandShape {
  const [root = '', ...path] = fullName.trim().split(/\s+/);
  const command = visibleCommand(state, root, guildId);
  if (!command) {
    if (mustExist) throw new Error(`/${root} is not registered where the user is (${guildId ? 'guild' : 'DM'}): a Discord user could not invoke it`);
    return { commandId: snowflake(), commandGuildId: undefined, root, path, definitions: undefined };
  }
  let options = (command.options as Json[] | undefined) ?? [];
  for (const name of path) {
    const nested = options.find((o) => o.name === name && (o.type === OptionType.Subcommand || o.type === OptionType.Group));
    if (!nested) throw new Error(`/${root} has no subcommand "${name}"`);
    options = (nested.options as Json[] | undefined) ?? [];
  }
  const definitions = new Map(options.map((o) => [String(o.name), o]));
  return { commandId: String(command.id), commandGuildId: command.guild_id as string | undefined, root, path, definitions };
}

function inferType(value: OptionValue): number {
  if (typeof value === 'object') return OptionType.Attachment;
  if (typeof value === 'boolean') return OptionType.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? OptionType.Integer : OptionType.Number;
  return OptionType.String;
}

/** Typed options as Discord sends them, plus `resolved` for attachments, users, channels and roles. */
export function buildOptions(state: FakeState, shape: CommandShape, given: Record<string, OptionValue>, focused?: string): { options: Json[]; resolved: Json } {
  const resolved: Record<string, Json> = {};
  const add = (kind: string, id: string, value: unknown) => ((resolved[kind] ??= {})[id] = value);
  const options: Json[] = [];
  for (const [name, value] of Object.entries(given)) {
    const definition = shape.definitions?.get(name);
    if (shape.definitions && !definition) throw new Error(`/${shape.root} has no option "${name}" (it has ${[...shape.definitions.keys()].join(', ') || 'none'})`);
    const type = Number(definition?.type ?? inferType(value));
    if (name === focused) {
      if (definition && definition.autocomplete !== true) throw new Error(`option "${name}" of /${shape.root} has no autocomplete`);
      // The focused option holds what the user typed so far: always text.
      options.push({ name, type, value: String(value), focused: true });
      continue;
    }
    const choices = definition?.choices as { value: unknown }[] | undefined;
    if (choices && !choices.some((c) => c.value === value)) throw new Error(`"${String(value)}" is not a choice of option "${name}"`);
    options.push({ name, type, value: optionValue(state, type, value, add) });
  }
  for (const [name, definition] of shape.definitions ?? []) {
    if (definition.required === true && !(name in given) && focused === undefined) throw new Error(`/${shape.root} needs option "${name}"`);
  }
  let nested = options;
  for (const [depth, name] of [...shape.path.entries()].reverse()) {
    nested = [{ type: depth === shape.path.length - 1 ? OptionType.Subcommand : OptionType.Group, name, options: nested }];
  }
  return { options: nested, resolved };
}

function optionValue(state: FakeState, type: number, value: OptionValue, add: (kind: string, id: string, value: unknown) => void): string | number | boolean {
  if (type === OptionType.Attachment) {
    if (typeof value !== 'object') throw new Error('an attachment option needs { fileName, bytes }');
    const attachment = storeAttachment(state, {
      prefix: 'ephemeral-attachments',
      folder: state.applicationId,
      filename: value.fileName,
      bytes: value.bytes,
      contentType: value.contentType ?? 'application/octet-stream',
      ephemeral: true,
    });
    add('attachments', attachment.id, attachmentJson(attachment));
    return attachment.id;
  }
  if (typeof value === 'object') throw new Error(`option type ${type} cannot take a file`);
  if (type === OptionType.Integer || type === OptionType.Number) {
    const number = Number(value);
    if (!Number.isFinite(number) || (type === OptionType.Integer && !Number.isInteger(number))) throw new Error(`"${String(value)}" is not a valid ${type === OptionType.Integer ? 'integer' : 'number'}`);
    return number;
  }
  if (type === OptionType.Boolean) return value === true || value === 'true';
  const id = String(value);
  const user = state.users.get(id);
  const member = state.members.get(id);
  if ((type === OptionType.User || type === OptionType.Mentionable) && user) {
    add('users', id, userJson(user));
    if (member) add('members', id, { ...memberJson(member), user: undefined, permissions: memberPermissions(state, member).toString() });
  } else if (type === OptionType.Channel && state.channels.has(id)) {
    const channel = state.channels.get(id)!;
    add('channels', id, { id, name: channel.name, type: channel.type, permissions: Permission.All.toString() });
  } else if ((type === OptionType.Role || type === OptionType.Mentionable) && state.roles.has(id)) {
    add('roles', id, roleJson(state.roles.get(id)!));
  }
  return type === OptionType.String ? String(value) : id;
}

/** Finds a clickable button on a message by custom id or label, searching nested layouts too. */
export function findButton(message: StoredMessage, by: { customId?: string; label?: string }): Json {
  const buttons: Json[] = [];
  const walk = (items: unknown[]) => {
    for (const item of items as Json[]) {
      if (item.type === 2) buttons.push(item);
      if (Array.isArray(item.components)) walk(item.components);
      if (item.accessory) walk([item.accessory]);
    }
  };
  walk(message.components);
  const button = buttons.find((b) => (by.customId !== undefined ? b.custom_id === by.customId : b.label === by.label));
  const describe = () => buttons.map((b) => `${String(b.label)} (${String(b.custom_id)})`).join(', ') || 'none';
  if (!button) throw new Error(`message ${message.id} has no button ${by.customId ?? by.label} (it has ${describe()})`);
  if (typeof button.custom_id !== 'string') throw new Error(`button ${String(button.label)} is a link or premium button: pressing it sends no interaction`);
  if (button.disabled === true) throw new Error(`button ${String(button.label)} is disabled: Discord does not let users press it`);
  return button;
}
