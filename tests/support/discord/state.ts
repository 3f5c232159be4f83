import { EventEmitter } from 'node:events';

/** Discord's epoch: snowflakes count milliseconds from 2015-01-01. */
const DISCORD_EPOCH = 1_420_070_400_000n;
let lastSnowflake = 0n;

/**
 * A fresh snowflake whose timestamp is now; strictly increasing, because
 * discord.js sorts and compares ids and reads creation times from them.
 */
export function snowflake(): string {
  const now = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
  lastSnowflake = now > lastSnowflake ? now : lastSnowflake + 1n;
  return lastSnowflake.toString();
}

export const Permission = {
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseApplicationCommands: 1n << 31n,
  All: (1n << 51n) - 1n,
} as const;

export interface UserInput {
  id: string;
  username: string;
  globalName?: string | null;
}

export interface FakeUser {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

export interface FakeRole {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  managed: boolean;
  botId: string | null;
}

export interface FakeMember {
  user: FakeUser;
  roleIds: string[];
  joinedAt: string;
}

export interface FakeChannel {
  id: string;
  /** 0 guild text, 1 DM, 4 category, 11 public thread (parentId: its channel). */
  type: 0 | 1 | 4 | 11;
  name: string | null;
  guildId: string | null;
  parentId: string | null;
  position: number;
  recipientId: string | null;
}

export interface StoredAttachment {
  id: string;
  filename: string;
  size: number;
  contentType: string;
  url: string;
  proxyUrl: string;
  bytes: Buffer;
  description: string | undefined;
  width: number | undefined;
  height: number | undefined;
  ephemeral: boolean;
}

/** What a message looked like after its creation or one edit. */
export interface MessageVersion {
  at: number;
  content: string;
  components: unknown[];
  embeds: unknown[];
  attachments: StoredAttachment[];
  flags: number;
}

export interface StoredMessage {
  id: string;
  channelId: string;
  type: number;
  webhookId: string | null;
  interactionId: string | null;
  content: string;
  components: unknown[];
  embeds: unknown[];
  attachments: StoredAttachment[];
  flags: number;
  ephemeral: boolean;
  nonce: string | number | null;
  timestamp: string;
  editedTimestamp: string | null;
  deleted: boolean;
  /** Creation first, then one entry per edit. */
  history: MessageVersion[];
}

export interface CommandPut {
  at: number;
  /** null for global commands. */
  guildId: string | null;
  body: unknown;
  /** The commands as Discord answered them (ids assigned). */
  commands: Record<string, unknown>[];
}

export interface RestCall {
  at: number;
  method: string;
  /** The path under /api/v10, without the query. */
  path: string;
  query: string;
  status: number;
  json: unknown;
  files: { field: string; fileName: string; contentType: string; bytes: Buffer }[];
}

export interface IdentifyRecord {
  at: number;
  token: string;
  intents: number;
  shard: [number, number] | undefined;
  properties: unknown;
  outcome: 'ready' | 'refused' | 'disallowed-intents' | 'invalid-intents' | 'invalid-shard';
}

/** Everything the fake knows; every change goes through `changed()` so waiters re-check. */
export class FakeState {
  readonly changes = new EventEmitter();
  /** http://127.0.0.1:PORT, known once the server listens; attachment URLs point there. */
  baseUrl = '';
  readonly users = new Map<string, FakeUser>();
  readonly members = new Map<string, FakeMember>();
  readonly roles = new Map<string, FakeRole>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, StoredMessage>();
  readonly attachments = new Map<string, StoredAttachment>();
  /** Command definitions by scope: 'global' or a guild id; kept by name so ids survive re-registration. */
  readonly commands = new Map<string, Map<string, Record<string, unknown>>>();
  readonly commandPuts: CommandPut[] = [];
  readonly calls: RestCall[] = [];
  readonly identifies: IdentifyRecord[] = [];
  /** DM recipients whose DMs fail with 50007, at channel creation or at sending. */
  readonly dmRefusals = new Map<string, 'open' | 'send'>();

  constructor(
    readonly applicationId: string,
    readonly guild: { id: string; name: string; ownerId: string },
    readonly bot: FakeUser,
  ) {
    this.changes.setMaxListeners(0);
    this.users.set(bot.id, bot);
  }

  changed(): void {
    this.changes.emit('change');
  }

  ensureUser(input: UserInput, bot = false): FakeUser {
    const known = this.users.get(input.id);
    if (known) {
      known.username = input.username;
      if (input.globalName !== undefined) known.globalName = input.globalName;
      return known;
    }
    const user: FakeUser = { id: input.id, username: input.username, globalName: input.globalName ?? null, bot };
    this.users.set(user.id, user);
    return user;
  }

  addRole(role: Omit<FakeRole, 'id' | 'position'> & { id?: string }): FakeRole {
    const stored: FakeRole = { ...role, id: role.id ?? snowflake(), position: this.roles.size };
    this.roles.set(stored.id, stored);
    this.changed();
    return stored;
  }

  addMember(input: UserInput, roleIds: string[] = []): FakeMember {
    for (const id of roleIds) if (!this.roles.has(id)) throw new Error(`no role ${id} in the guild`);
    const user = this.ensureUser(input);
    const member: FakeMember = this.members.get(user.id) ?? { user, roleIds: [], joinedAt: new Date().toISOString() };
    member.roleIds = [...roleIds];
    this.members.set(user.id, member);
    this.changed();
    return member;
  }

  addChannel(channel: Omit<FakeChannel, 'id'> & { id?: string }): FakeChannel {
    const stored: FakeChannel = { ...channel, id: channel.id ?? snowflake() };
    this.channels.set(stored.id, stored);
    this.changed();
    return stored;
  }

  /** The user's DM channel with the bot, created on first use as Discord does. */
  dmChannel(userId: string): FakeChannel {
    const existing = [...this.channels.values()].find((c) => c.type === 1 && c.recipientId === userId);
    return existing ?? this.addChannel({ type: 1, name: null, guildId: null, parentId: null, position: 0, recipientId: userId });
  }

  channelMessages(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channelId === channelId);
  }
}
