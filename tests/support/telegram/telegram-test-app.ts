import type { App } from '../../../src/app.js';
import type { Logger } from 'pino';
import type { NotificationTiming } from '../../../src/chat/notifications/operator-notifications.js';
import type { ChatBudgets } from '../../../src/chat/telegram/chat-rate-limits.js';
import type { PollingTiming } from '../../../src/chat/telegram/update-poller.js';
import type { TelegramFrontEnd } from '../../../src/chat/telegram/telegram-front-end.js';
import type { DryRunTransport } from '../../../src/whatsapp/dry-run-transport.js';
import { contactsCsv, startChatApp } from '../chat-test-app.js';
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
  const started = await startChatApp<TelegramFrontEnd>('telegram', {
    ...options,
    env: { TELEGRAM_BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.url, TELEGRAM_OPERATORS: String(OPERATOR.id), ...options.env },
    timing: {
      telegram: {
        editIntervalMs: options.editIntervalMs ?? 300,
        ...(options.notificationTiming ? { notificationTiming: options.notificationTiming } : {}),
        ...(options.chatBudgets ? { chatBudgets: options.chatBudgets } : {}),
        ...(options.polling ? { polling: options.polling } : {}),
      },
    },
  });
  return {
    ...started,
    emulator,
    dataDir: options.dataDir,
    async stop() {
      await started.app.stop();
      await emulator.close();
    },
  };
}

export { contactsCsv } from '../chat-test-app.js';
