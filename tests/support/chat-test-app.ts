import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createApp, type App, type AppOptions } from '../../src/app.js';
import type { ChatFrontEnd } from '../../src/chat/chat-front-end.js';
import type { LazyFrontEnd } from '../../src/chat/lazy-front-end.js';
import type { FrontEndName } from '../../src/core/command.js';
import { systemClock } from '../../src/core/clock.js';
import { createLogger, silentLogger } from '../../src/core/logger.js';
import { seededRandom } from '../../src/core/random.js';
import { DryRunTransport } from '../../src/whatsapp/dry-run-transport.js';
import { testConfig } from './test-config.js';

export interface SentMessage {
  jid: string;
  text: string;
  messageId: string;
}

export interface ChatAppOptions {
  dataDir: string;
  /** The chat bot's settings, then the test's own over them. */
  env: Record<string, string>;
  pairAfterMs?: number;
  qrRotateMs?: number;
  latencyMs?: number;
  logger?: Logger;
  /** Front-end timing (tests shorten edit intervals, notice windows, waits). */
  timing: Pick<AppOptions, 'telegram' | 'discord'>;
}

export interface ChatApp<T extends ChatFrontEnd> {
  app: App;
  bot: T;
  transport: DryRunTransport;
  /** What the dry-run transport sent, one entry per simulated WhatsApp message. */
  sent(): SentMessage[];
}

/**
 * The whole app for a chat bot test: the real clock (the bot's traffic is real
 * I/O on 127.0.0.1) and a dry-run WhatsApp with no pacing that logs each send,
 * so campaigns finish in moments and every send can be counted.
 */
export async function startChatApp<T extends ChatFrontEnd>(name: FrontEndName, options: ChatAppOptions): Promise<ChatApp<T>> {
  const logPath = join(options.dataDir, 'sent.jsonl');
  const config = testConfig({ DRY_RUN_LOG: logPath, ...options.env }, options.dataDir);
  let transport: DryRunTransport | undefined;
  const app = createApp({
    config,
    logger: options.logger ?? (process.env.TEST_LOG_LEVEL ? createLogger(process.env.TEST_LOG_LEVEL) : silentLogger()),
    clock: systemClock,
    random: seededRandom(42),
    ...options.timing,
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
        replyRate: config.dryRun.replyRate,
        replyTexts: config.dryRun.replyTexts,
        replyAfterMs: 50,
      })),
  });
  await app.start();
  const bot = (app.frontEnds.find((f) => f.name === name) as LazyFrontEnd<T>).inner!;
  return {
    app,
    bot,
    transport: transport!,
    sent: () =>
      existsSync(logPath)
        ? readFileSync(logPath, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as SentMessage)
        : [],
  };
}

/** A contacts CSV of `rows` Brazilian mobiles (+55 11 91000-0000 onwards). */
export function contactsCsv(rows: number): Buffer {
  const lines = ['name,phone,city'];
  for (let i = 0; i < rows; i++) lines.push(`Person ${i},+55119${String(10000000 + i)},City ${i % 3}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}
