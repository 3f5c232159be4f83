import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type App } from '../../../src/app.js';
import type { Logger } from 'pino';
import type { NotificationTiming } from '../../../src/chat/notifications/operator-notifications.js';
import type { ChatBudgets } from '../../../src/chat/telegram/chat-rate-limits.js';
import type { PollingTiming } from '../../../src/chat/telegram/update-poller.js';
import type { TelegramFrontEnd } from '../../../src/chat/telegram/telegram-front-end.js';
import type { LazyFrontEnd } from '../../../src/chat/lazy-front-end.js';
import { systemClock } from '../../../src/core/clock.js';
import { createLogger, silentLogger } from '../../../src/core/logger.js';
import { seededRandom } from '../../../src/core/random.js';
import { DryRunTransport } from '../../../src/whatsapp/dry-run-transport.js';
import { testConfig } from '../test-config.js';
import { BotApiEmulator, type EmulatorUser } from './bot-api-emulator.js';

export const OPERATOR: EmulatorUser = { id: 1001, first_name: 'Olivia', username: 'olivia_ops' };
export const STRANGER: EmulatorUser = { id: 2002, first_name: 'Sam' };

/** The operator's first bot message after `messageId` whose text contains `needle`. */
export function operatorMessageAfter(t: TelegramTestApp, messageId: number, needle: string) {
  return messageAfter(t, OPERATOR.id, messageId, needle);
}

/** The bot's first message in a chat after `messageId` whose text or caption contains `needle`. */
export function messageAfter(t: TelegramTestApp, chatId: number, messageId: number, needle: string) {
  return t.emulator.botMessages(chatId).find((m) => m.messageId > messageId && (m.text ?? m.caption ?? '').includes(needle));
}

/** Imports `contacts` rows from the operator's private chat and asks for a preview of `/send 1 <template>`. */
export async function importAndPreview(t: TelegramTestApp, contacts: number, template = 'Hi {name}') {
  const upload = t.emulator.sendDocument(OPERATOR, { fileName: 'contacts.csv', bytes: contactsCsv(contacts), mimeType: 'text/csv' });
  await t.emulator.waitFor(() => operatorMessageAfter(t, upload.messageId, `Valid: ${contacts}`), 'the import report');
  const ask = t.emulator.sendText(OPERATOR, `/send 1 ${template}`);
  return t.emulator.waitFor(() => operatorMessageAfter(t, ask.messageId, 'Recipients:'), 'the preview');
}

export interface TelegramTestApp {
  app: App;
  emulator: BotApiEmulator;
  bot: TelegramFrontEnd;
  transport: DryRunTransport;
  dataDir: string;
  /** What the dry-run transport sent, one entry per simulated WhatsApp message. */
  sent(): { jid: string; text: string; messageId: string }[];
  stop(): Promise<void>;
}

export interface TelegramTestOptions {
  dataDir: string;
  /** Settings over the test defaults (real clock, no pacing, Telegram pointed at the emulator). */
  env?: Record<string, string>;
  pairAfterMs?: number;
  qrRotateMs?: number;
  latencyMs?: number;
  editIntervalMs?: number;
  notificationTiming?: NotificationTiming;
  chatBudgets?: ChatBudgets;
  polling?: Partial<PollingTiming>;
  emulator?: BotApiEmulator;
  /** Log here instead of nowhere (tests that check what the bot logs). */
  logger?: Logger;
}

/**
 * The whole app with the real telegraf talking to a Bot API emulator on
 * 127.0.0.1, the real clock (Telegram polling is real I/O) and a dry-run
 * WhatsApp with no pacing, so campaigns finish in moments.
 */
export async function startTelegramApp(options: TelegramTestOptions): Promise<TelegramTestApp> {
  const emulator = options.emulator ?? (await BotApiEmulator.start());
  const logPath = join(options.dataDir, 'sent.jsonl');
  const config = testConfig(
    {
      TELEGRAM_BOT_TOKEN: emulator.token,
      TELEGRAM_API_ROOT: emulator.url,
      TELEGRAM_OPERATORS: String(OPERATOR.id),
      DRY_RUN_LOG: logPath,
      ...options.env,
    },
    options.dataDir,
  );
  let transport: DryRunTransport | undefined;
  const logger = options.logger ?? (process.env.TEST_LOG_LEVEL ? createLogger(process.env.TEST_LOG_LEVEL) : silentLogger());
  const app = createApp({
    config,
    logger,
    clock: systemClock,
    random: seededRandom(42),
    telegram: {
      editIntervalMs: options.editIntervalMs ?? 300,
      ...(options.notificationTiming ? { notificationTiming: options.notificationTiming } : {}),
      ...(options.chatBudgets ? { chatBudgets: options.chatBudgets } : {}),
      ...(options.polling ? { polling: options.polling } : {}),
    },
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
  const bot = (app.frontEnds.find((f) => f.name === 'telegram') as LazyFrontEnd<TelegramFrontEnd>).inner!;
  return {
    app,
    emulator,
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
    async stop() {
      await app.stop();
      await emulator.close();
    },
  };
}

/** A contacts CSV of `rows` Brazilian mobiles (+55 11 91000-0000 onwards). */
export function contactsCsv(rows: number): Buffer {
  const lines = ['name,phone,city'];
  for (let i = 0; i < rows; i++) lines.push(`Person ${i},+55119${String(10000000 + i)},City ${i % 3}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}
