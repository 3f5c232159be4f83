import { visibleCommand } from './commands.js';
import type { Gateway } from './gateway.js';
import { buildOptions, commandShape, envelope, findButton, type Envelope, type OptionValue } from './interaction-payloads.js';
import { InteractionRecord, type InteractionKind } from './interaction-record.js';
import type { FakeChannel, FakeState, FakeUser, StoredMessage, UserInput } from './state.js';

export interface SlashInput {
  /** 'campaign' or, for subcommands, 'campaign start' / 'group sub'. */
  name: string;
  options?: Record<string, OptionValue>;
  /** Defaults to #ops; ignored with dm. */
  channelId?: string;
  /** Used in the user's DMs with the bot instead of the guild. */
  dm?: boolean;
}

export interface PressInput {
  messageId: string;
  customId?: string;
  label?: string;
  channelId?: string;
}

export interface UserActionsDeps {
  state: FakeState;
  gateway: Gateway;
  interactions: Map<string, InteractionRecord>;
  defaultChannelId: string;
  requireRegisteredCommands: boolean;
  render(message: StoredMessage): unknown;
  waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs?: number): Promise<T>;
}

/** What test users do: each action sends a real INTERACTION_CREATE over the gateway. */
export class UserActions {
  constructor(private readonly deps: UserActionsDeps) {}

  waitForBot(timeoutMs = 10_000): Promise<true> {
    return this.deps.waitFor(() => this.deps.gateway.botConnected, 'a bot connected to the gateway', timeoutMs);
  }

  async slash(user: UserInput, input: SlashInput): Promise<InteractionRecord> {
    const { who, channel, shape } = await this.prepareCommand(user, input);
    const { options, resolved } = buildOptions(this.deps.state, shape, input.options ?? {});
    const data = {
      id: shape.commandId,
      name: shape.root,
      type: 1,
      options,
      ...(Object.keys(resolved).length ? { resolved } : {}),
      ...(shape.commandGuildId ? { guild_id: shape.commandGuildId } : {}),
    };
    return this.dispatch('slash', who, channel, envelope(this.deps.state, 2, who, channel, data), { commandName: input.name });
  }

  async autocomplete(user: UserInput, input: SlashInput & { focused: string }): Promise<{ name: string; value: string | number }[]> {
    const { who, channel, shape } = await this.prepareCommand(user, input);
    const { options } = buildOptions(this.deps.state, shape, { [input.focused]: '', ...input.options }, input.focused);
    const data = { id: shape.commandId, name: shape.root, type: 1, options, ...(shape.commandGuildId ? { guild_id: shape.commandGuildId } : {}) };
    const record = this.dispatch('autocomplete', who, channel, envelope(this.deps.state, 4, who, channel, data), { commandName: input.name });
    return this.deps.waitFor(() => record.choices, `autocomplete choices for /${input.name} ${input.focused}`, 5_000);
  }

  async press(user: UserInput, input: PressInput): Promise<InteractionRecord> {
    await this.waitForBot();
    const { state } = this.deps;
    const message = state.messages.get(input.messageId);
    if (!message || message.deleted) throw new Error(`message ${input.messageId} is not there to press`);
    if (input.channelId !== undefined && input.channelId !== message.channelId) throw new Error(`message ${message.id} is in channel ${message.channelId}, not ${input.channelId}`);
    const who = state.ensureUser(user);
    const channel = state.channels.get(message.channelId)!;
    if (channel.type === 1 && channel.recipientId !== who.id) throw new Error(`${who.username} cannot see another user's DMs`);
    const owner = message.interactionId ? this.deps.interactions.get(message.interactionId) : undefined;
    if (message.ephemeral && owner && owner.user.id !== who.id) throw new Error(`only ${owner.user.username} sees ephemeral message ${message.id}`);
    const button = findButton(message, input);
    const data = { custom_id: button.custom_id, component_type: 2 };
    // Discord sends the whole pressed message along; discord.js builds interaction.message from it.
    const env = envelope(state, 3, who, channel, data, { message: this.deps.render(message) });
    return this.dispatch('press', who, channel, env, { customId: String(button.custom_id), pressedMessageId: message.id });
  }

  /** Fills in and submits the form (modal) the bot opened in answer to `opened`, as Discord does: text inputs by custom id. */
  async submitForm(user: UserInput, opened: InteractionRecord, values: Record<string, string>): Promise<InteractionRecord> {
    const { state } = this.deps;
    const modal = opened.modal;
    if (!modal) throw new Error(`interaction ${opened.id} opened no form`);
    const who = state.ensureUser(user);
    if (who.id !== opened.user.id) throw new Error('only the user who opened a form can submit it');
    const channel = state.channels.get(opened.channelId)!;
    const rows = (modal.components ?? []) as { components: { custom_id: string; required?: boolean }[] }[];
    const inputs = rows.flatMap((row) => row.components);
    for (const input of inputs) if (input.required !== false && !values[input.custom_id]) throw new Error(`the form needs ${input.custom_id}`);
    const data = { custom_id: modal.custom_id, components: inputs.map((input) => ({ type: 1, components: [{ type: 4, custom_id: input.custom_id, value: values[input.custom_id] ?? '' }] })) };
    const pressed = opened.pressedMessageId ? state.messages.get(opened.pressedMessageId) : undefined;
    const env = envelope(state, 5, who, channel, data, pressed ? { message: this.deps.render(pressed) } : {});
    return this.dispatch('form', who, channel, env, { customId: String(modal.custom_id), pressedMessageId: pressed?.id });
  }

  private async prepareCommand(user: UserInput, input: SlashInput) {
    await this.waitForBot();
    const { state } = this.deps;
    const who = state.ensureUser(user);
    const channel = input.dm ? state.dmChannel(who.id) : state.channels.get(input.channelId ?? this.deps.defaultChannelId);
    if (!channel || channel.type === 4) throw new Error(`no text channel ${input.channelId}`);
    const guildId = channel.guildId;
    const root = input.name.trim().split(/\s+/)[0]!;
    const mustExist = this.deps.requireRegisteredCommands;
    if (mustExist) await this.deps.waitFor(() => visibleCommand(state, root, guildId), `/${root} to be registered ${guildId ? 'for the guild' : 'for DMs'}`, 5_000);
    return { who, channel, shape: commandShape(state, input.name, guildId, mustExist) };
  }

  private dispatch(
    kind: InteractionKind,
    user: FakeUser,
    channel: FakeChannel,
    env: Envelope,
    extra: { commandName?: string; customId?: string; pressedMessageId?: string },
  ): InteractionRecord {
    const record = new InteractionRecord(this.deps.state, {
      id: env.id,
      token: env.token,
      type: env.payload.type as 2 | 3 | 4 | 5,
      kind,
      user,
      channelId: channel.id,
      guildId: channel.guildId,
      commandName: extra.commandName,
      customId: extra.customId,
      pressedMessageId: extra.pressedMessageId,
      payload: env.payload,
    });
    this.deps.interactions.set(record.id, record);
    if (!this.deps.gateway.dispatch('INTERACTION_CREATE', env.payload)) throw new Error('no bot session to deliver the interaction to');
    this.deps.state.changed();
    return record;
  }
}
