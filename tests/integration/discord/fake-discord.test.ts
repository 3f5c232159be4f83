import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Routes,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, type FakeDiscordOptions } from '../../support/discord/fake-discord.js';

const OPERATOR = { id: '310000000000000001', username: 'ana', globalName: 'Ana' };

const COMMANDS = [
  {
    name: 'send',
    description: 'Start a campaign',
    options: [
      { type: 3, name: 'campaign', description: 'Campaign name', required: true, autocomplete: true },
      { type: 11, name: 'contacts', description: 'Contacts CSV', required: true },
      { type: 4, name: 'limit', description: 'Messages at most' },
      { type: 5, name: 'dry-run', description: 'Do not send anything' },
    ],
  },
];

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await fake?.close();
  fake = undefined;
});

async function startFake(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  fake = await FakeDiscord.start(options);
  fake.addMember(OPERATOR, [fake.roles.operators]);
  return fake;
}

function newClient(f: FakeDiscord): Client {
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: f.apiRoot } });
  return client;
}

/** Logs a real discord.js Client into the fake and resolves once it is ready. */
async function loggedIn(f: FakeDiscord): Promise<Client<true>> {
  const c = newClient(f);
  const ready = new Promise<Client<true>>((resolve) => c.once(Events.ClientReady, resolve));
  await c.login(f.token);
  return ready;
}

async function withCommands(f: FakeDiscord, c: Client<true>): Promise<void> {
  await c.rest.put(Routes.applicationGuildCommands(f.applicationId, f.guildId), { body: COMMANDS });
}

/** Runs the handler for each interaction and keeps what it threw, so a test can assert there was nothing. */
function handle(c: Client, handler: (interaction: Interaction) => Promise<void>): unknown[] {
  const errors: unknown[] = [];
  c.on(Events.InteractionCreate, (interaction) => void handler(interaction).catch((error: unknown) => errors.push(error)));
  return errors;
}

function png(width: number, height: number): Buffer {
  return PNG.sync.write(new PNG({ width, height }));
}

describe('fake Discord with the real discord.js client', () => {
  it('logs in, becomes ready with the guild and its channels cached, and identifies with only the Guilds intent', async () => {
    const f = await startFake({ heartbeatIntervalMs: 200 });
    const c = await loggedIn(f);

    expect(c.user.id).toBe(f.botUser.id);
    expect(c.application.id).toBe(f.applicationId);
    const guild = c.guilds.cache.get(f.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(f.channelId)?.name).toBe('ops');
    expect(guild?.roles.cache.get(f.roles.operators)?.name).toBe('Operators');
    expect(f.identifies.map((i) => i.intents)).toEqual([GatewayIntentBits.Guilds]);
    expect(f.intents).toBe(GatewayIntentBits.Guilds);
    await f.waitFor(() => f.heartbeats > 0 && c.ws.ping >= 0, 'an acknowledged heartbeat');
  });

  it('records a bulk overwrite of guild commands and keeps command ids across overwrites', async () => {
    const f = await startFake();
    const c = await loggedIn(f);

    const first = (await c.rest.put(Routes.applicationGuildCommands(f.applicationId, f.guildId), { body: COMMANDS })) as { id: string; name: string }[];
    const second = (await c.rest.put(Routes.applicationGuildCommands(f.applicationId, f.guildId), { body: COMMANDS })) as { id: string }[];

    expect(f.commandPuts).toHaveLength(2);
    expect(f.commandPuts[0]).toMatchObject({ guildId: f.guildId, body: COMMANDS });
    expect(first[0]).toMatchObject({ name: 'send', application_id: f.applicationId, guild_id: f.guildId });
    expect(second[0]!.id).toBe(first[0]!.id);
    const invalid = c.rest.put(Routes.applicationGuildCommands(f.applicationId, f.guildId), { body: [{ name: 'Send', description: 'x' }] });
    await expect(invalid).rejects.toMatchObject({ code: 50035, status: 400 });
  });

  it('delivers a slash command as a ChatInputCommandInteraction with typed options and a downloadable attachment, and shows the edited deferred reply with its file', async () => {
    const f = await startFake();
    const c = await loggedIn(f);
    await withCommands(f, c);
    const csv = Buffer.from('name,phone\nAna,+5511999990000\n');
    const chart = png(3, 2);
    const seen: Record<string, unknown> = {};
    const errors = handle(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      const file = interaction.options.getAttachment('contacts', true);
      seen.campaign = interaction.options.getString('campaign');
      seen.limit = interaction.options.getInteger('limit');
      seen.dryRun = interaction.options.getBoolean('dry-run');
      seen.roles = interaction.inCachedGuild() ? [...interaction.member.roles.cache.keys()] : [];
      seen.download = Buffer.from(await (await fetch(file.url)).arrayBuffer());
      await interaction.editReply({ content: 'Imported 1 contact', files: [new AttachmentBuilder(chart, { name: 'progress chart.png' })] });
    });

    const record = await f.slash(OPERATOR, {
      name: 'send',
      options: { campaign: 'spring', contacts: { fileName: 'contacts.csv', bytes: csv, contentType: 'text/csv' }, limit: 50, 'dry-run': true },
    });
    const original = await f.waitFor(() => (record.original?.attachments.length ? record.original : undefined), 'the edited reply');

    expect(errors).toEqual([]);
    expect(seen).toMatchObject({ campaign: 'spring', limit: 50, dryRun: true, download: csv });
    expect(seen.roles).toContain(f.roles.operators);
    expect(record.callbackType).toBe(5);
    expect(record.answeredAfterMs).toBeLessThan(3_000);
    expect(record.ephemeral).toBe(false);
    expect(original.content).toBe('Imported 1 contact');
    expect(original.attachments[0]).toMatchObject({ filename: 'progress_chart.png', contentType: 'image/png', width: 3, height: 2 });
    expect(original.attachments[0]!.bytes.equals(chart)).toBe(true);
    expect(original.history.map((v) => v.content)).toEqual(['', 'Imported 1 contact']);
    expect(f.visibleMessages(f.channelId).map((m) => m.id)).toEqual([original.id]);
  });

  it('delivers a button press as a ButtonInteraction whose update() edits the pressed message', async () => {
    const f = await startFake();
    const c = await loggedIn(f);
    const errors = handle(c, async (interaction) => {
      if (interaction.isButton() && interaction.customId === 'pause') await interaction.update({ content: 'Paused', components: [] });
    });
    const channel = (await c.channels.fetch(f.channelId)) as TextChannel;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('pause').setLabel('Pause').setStyle(ButtonStyle.Secondary));
    const sent = await channel.send({ content: 'Sending 3/10', components: [row] });

    const record = await f.press(OPERATOR, { messageId: sent.id, label: 'Pause' });
    await f.waitFor(() => record.answered, 'the button to be answered');

    expect(errors).toEqual([]);
    expect(record.callbackType).toBe(7);
    const message = f.message(sent.id)!;
    expect(message.content).toBe('Paused');
    expect(message.components).toEqual([]);
    expect(message.history.map((v) => v.content)).toEqual(['Sending 3/10', 'Paused']);
    expect(message.history[0]!.components).toHaveLength(1);
  });

  it('answers autocomplete with the choices the bot responds', async () => {
    const f = await startFake();
    const c = await loggedIn(f);
    await withCommands(f, c);
    const errors = handle(c, async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      await interaction.respond(['spring', 'summer'].filter((n) => n.startsWith(typed)).map((n) => ({ name: n, value: n })));
    });

    const choices = await f.autocomplete(OPERATOR, { name: 'send', focused: 'campaign', options: { campaign: 'sp' } });

    expect(errors).toEqual([]);
    expect(choices).toEqual([{ name: 'spring', value: 'spring' }]);
  });

  it('records a channel message posted with a file, then edited and deleted, and answers 10008 for it afterwards', async () => {
    const f = await startFake();
    const c = await loggedIn(f);
    const route = Routes.channelMessages(f.channelId);

    const posted = (await c.rest.post(route, { body: { content: 'Report' }, files: [{ name: 'report.csv', data: Buffer.from('a,b\n1,2\n'), contentType: 'text/csv' }] })) as {
      id: string;
      attachments: { filename: string; url: string }[];
    };
    await c.rest.patch(Routes.channelMessage(f.channelId, posted.id), { body: { content: 'Report (final)' } });
    await c.rest.delete(Routes.channelMessage(f.channelId, posted.id));
    const fetched = c.rest.get(Routes.channelMessage(f.channelId, posted.id));

    await expect(fetched).rejects.toBeInstanceOf(DiscordAPIError);
    await expect(fetched).rejects.toMatchObject({ code: 10008, status: 404 });
    const message = f.message(posted.id)!;
    expect(message.deleted).toBe(true);
    expect(message.history.map((v) => [v.content, v.attachments.map((a) => a.filename)])).toEqual([
      ['Report', ['report.csv']],
      ['Report (final)', ['report.csv']],
    ]);
    expect(Buffer.from(await (await fetch(posted.attachments[0]!.url)).arrayBuffer()).toString()).toBe('a,b\n1,2\n');
    expect(f.callsTo('DELETE', /\/messages\//).map((call) => call.status)).toEqual([204]);
  });

  it('gives ephemeral replies and refuses DMs to a user who blocks them with 50007', async () => {
    const f = await startFake();
    const c = await loggedIn(f);
    await withCommands(f, c);
    f.refuseDMs(OPERATOR.id);
    const dmErrors: unknown[] = [];
    const errors = handle(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: 'Only you see this', flags: MessageFlags.Ephemeral });
      await c.users.send(interaction.user.id, 'hello').catch((error: unknown) => dmErrors.push(error));
    });

    const record = await f.slash(OPERATOR, { name: 'send', options: { campaign: 'x', contacts: { fileName: 'c.csv', bytes: Buffer.from('a') } } });
    await f.waitFor(() => dmErrors.length > 0, 'the DM to fail');

    expect(errors).toEqual([]);
    expect(record.ephemeral).toBe(true);
    expect(record.original).toMatchObject({ content: 'Only you see this', ephemeral: true });
    expect(f.visibleMessages(f.channelId)).toEqual([]);
    expect(dmErrors[0]).toMatchObject({ code: 50007, status: 403 });
  });

  it('retries a 429 with retry-after in @discordjs/rest and then succeeds', async () => {
    const f = await startFake();
    const c = await loggedIn(f);
    f.rateLimitNext('POST', /^\/channels\/\d+\/messages$/, { retryAfterSeconds: 1 });

    const posted = (await c.rest.post(Routes.channelMessages(f.channelId), { body: { content: 'after the limit' } })) as { id: string };

    expect(f.callsTo('POST', /\/messages$/).map((call) => call.status)).toEqual([429, 200]);
    expect(f.message(posted.id)?.content).toBe('after the limit');
  });

  it('resumes the session after the gateway drops the connection and still delivers interactions', async () => {
    const f = await startFake();
    const c = await loggedIn(f);
    await withCommands(f, c);
    const names: string[] = [];
    handle(c, async (interaction) => {
      if (interaction.isChatInputCommand()) names.push(interaction.commandName);
    });

    f.dropGateway(4000);
    await f.waitFor(() => f.resumes === 1 && f.identifies.length === 1, 'a RESUME instead of a new IDENTIFY');
    await f.slash(OPERATOR, { name: 'send', options: { campaign: 'x', contacts: { fileName: 'c.csv', bytes: Buffer.from('a') } } });

    await f.waitFor(() => names.length === 1, 'the interaction after the resume');
  });

  it('makes login fail without crashing when the gateway closes with 4004', async () => {
    const f = await startFake();
    f.refuseToken('gateway-4004');
    const c = newClient(f);
    const disconnects: number[] = [];
    c.on(Events.ShardDisconnect, (event) => disconnects.push(event.code));
    c.on(Events.ShardError, () => undefined);

    await expect(c.login(f.token)).rejects.toThrow(/Authentication failed/);
    expect(f.identifies.map((i) => i.outcome)).toEqual(['refused']);
    expect(disconnects).toEqual([4004]);
  });

  it('makes login reject when every REST call answers 401', async () => {
    const f = await startFake();
    f.refuseToken('rest-401');

    await expect(newClient(f).login(f.token)).rejects.toThrow(/invalid token/i);
    expect(f.calls.map((call) => [call.path, call.status])).toEqual([['/gateway/bot', 401]]);
    expect(f.identifies).toEqual([]);
  });
});
