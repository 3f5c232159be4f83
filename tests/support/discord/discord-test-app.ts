import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createApp, type App } from '../../../src/app.js';
import type { DiscordFrontEnd } from '../../../src/chat/discord/discord-front-end.js';
import type { LazyFrontEnd } from '../../../src/chat/lazy-front-end.js';
import type { NotificationTiming } from '../../../src/chat/notifications/operator-notifications.js';
import { systemClock } from '../../../src/core/clock.js';
import { createLogger, silentLogger } from '../../../src/core/logger.js';
import { seededRandom } from '../../../src/core/random.js';
import { DryRunTransport } from '../../../src/whatsapp/dry-run-transport.js';
import { testConfig } from '../test-config.js';
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
  sent(): { jid: string; text: string; messageId: string }[];
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
  const logPath = join(options.dataDir, 'sent.jsonl');
  const config = testConfig(
    {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_ROOT: fake.apiRoot,
      DISCORD_GUILD_ID: fake.guildId,
      DISCORD_OPERATORS: OPERATOR.id,
      DISCORD_OPERATOR_ROLES: fake.roles.operators,
      DISCORD_NOTICE_CHANNEL: fake.channelId,
      DRY_RUN_LOG: logPath,
      ...options.env,
    },
    options.dataDir,
  );
  let transport: DryRunTransport | undefined;
  const logger = options.logger ?? (process.env.TEST_LOG_LEVEL ? createLogger(process.env.TEST_LOG_LEVEL) : silentLogger());
  const interval = options.editIntervalMs ?? 300;
  const app = createApp({
    config,
    logger,
    clock: systemClock,
    random: seededRandom(42),
    discord: { pace: { intervalMs: interval, agedIntervalMs: interval }, ...(options.notificationTiming ? { notificationTiming: options.notificationTiming } : {}) },
    transportFor: (sessionName) =>
      (transport = new DryRunTransport({
        sessionName,
        clock: systemClock,
        random: seededRandom(7),
        logPath,
        failRate: 0,
        latencyMs: options.latencyMs ?? 5,
        pairAfterMs: options.pairAfterMs ?? 0,
        qrRotateMs: options.qrRotateMs,
        deliveredAfterMs: 50,
        readAfterMs: 100,
      })),
  });
  await app.start();
  const bot = (app.frontEnds.find((f) => f.name === 'discord') as LazyFrontEnd<DiscordFrontEnd>).inner!;
  return {
    app,
    fake,
    bot,
    transport: transport!,
    dataDir: options.dataDir,
    sent: () =>
      existsSync(logPath)
        ? readFileSync(logPath, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as { jid: string; text: string; messageId: string })
        : [],
    async stop(closeFake = true) {
      await app.stop();
      if (closeFake) await fake.close();
    },
  };
}

/** A contacts CSV of `rows` Brazilian mobiles (+55 11 91000-0000 onwards). */
export function contactsCsv(rows: number): Buffer {
  const lines = ['name,phone,city'];
  for (let i = 0; i < rows; i++) lines.push(`Person ${i},+55119${String(10000000 + i)},City ${i % 3}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}
