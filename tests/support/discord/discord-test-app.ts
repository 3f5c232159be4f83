import type { Logger } from 'pino';
import type { App } from '../../../src/app.js';
import type { DiscordFrontEnd } from '../../../src/chat/discord/discord-front-end.js';
import type { NotificationTiming } from '../../../src/chat/notifications/operator-notifications.js';
import type { DryRunTransport } from '../../../src/whatsapp/dry-run-transport.js';
import { startChatApp, type SentMessage } from '../chat-test-app.js';
import { FakeDiscord, type UserInput } from './fake-discord.js';

export const OPERATOR: UserInput = { id: '310000000000000001', username: 'olivia_ops', globalName: 'Olivia' };
export const ROLE_OPERATOR: UserInput = { id: '310000000000000002', username: 'rita', globalName: 'Rita' };
/** A server admin who is not a zapcast operator. */
export const STRANGER: UserInput = { id: '320000000000000003', username: 'sam' };

export interface DiscordTestApp {
  app: App;
  fake: FakeDiscord;
  bot: DiscordFrontEnd;
  transport: DryRunTransport;
  dataDir: string;
  /** What the dry-run transport sent, one entry per simulated WhatsApp message. */
  sent(): SentMessage[];
  /** Stops the app; the fake stays up unless `closeFake`. */
  stop(closeFake?: boolean): Promise<void>;
}

export interface DiscordTestOptions {
  dataDir: string;
  /** Settings over the test defaults (real clock, no pacing, Discord pointed at the fake). */
  env?: Record<string, string>;
  fake?: FakeDiscord;
  pairAfterMs?: number;
  qrRotateMs?: number;
  latencyMs?: number;
  editIntervalMs?: number;
  notificationTiming?: NotificationTiming;
  /** Where the app logs (default: silent, or TEST_LOG_LEVEL). */
  logger?: Logger;
  /** Added members beyond the usual three (none by default). */
  members?: UserInput[];
}

/**
 * The whole app with the real discord.js Client logged into a fake Discord on
 * 127.0.0.1, the real clock (the gateway is real I/O) and a dry-run WhatsApp
 * with no pacing. OPERATOR is listed in DISCORD_OPERATORS, ROLE_OPERATOR holds
 * the Operators role listed in DISCORD_OPERATOR_ROLES, STRANGER is an admin.
 */
export async function startDiscordApp(options: DiscordTestOptions): Promise<DiscordTestApp> {
  const fake = options.fake ?? (await FakeDiscord.start());
  fake.addMember(OPERATOR, [fake.roles.admins]);
  fake.addMember(ROLE_OPERATOR, [fake.roles.operators]);
  fake.addMember(STRANGER, [fake.roles.admins]);
  for (const member of options.members ?? []) fake.addMember(member);
  const interval = options.editIntervalMs ?? 300;
  const started = await startChatApp<DiscordFrontEnd>('discord', {
    ...options,
    env: {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_ROOT: fake.apiRoot,
      DISCORD_GUILD_ID: fake.guildId,
      DISCORD_OPERATORS: OPERATOR.id,
      DISCORD_OPERATOR_ROLES: fake.roles.operators,
      DISCORD_NOTICE_CHANNEL: fake.channelId,
      ...options.env,
    },
    timing: { discord: { pace: { intervalMs: interval, agedIntervalMs: interval }, ...(options.notificationTiming ? { notificationTiming: options.notificationTiming } : {}) } },
  });
  return {
    ...started,
    fake,
    dataDir: options.dataDir,
    async stop(closeFake = true) {
      await started.app.stop();
      if (closeFake) await fake.close();
    },
  };
}

export { contactsCsv } from '../chat-test-app.js';
