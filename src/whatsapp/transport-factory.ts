import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Random } from '../core/random.js';
import { DryRunTransport } from './dry-run-transport.js';
import { LazyTransport } from './lazy-transport.js';
import type { SentContentStore } from './sent-content-store.js';
import type { WhatsAppTransport } from './transport.js';

export interface TransportDeps {
  clock: Clock;
  random: Random;
  logger: Logger;
  /** Sent messages as the transport built them, for recipients' retry requests. */
  sentContents: SentContentStore;
}

/** The transport WA_TRANSPORT names, one per WhatsApp number (session). */
export function transportFactory(config: Config, deps: TransportDeps): (sessionName: string) => WhatsAppTransport {
  const { clock, random, logger } = deps;
  if (config.transport === 'dry-run') {
    return (sessionName) =>
      new DryRunTransport({
        sessionName,
        clock,
        random,
        logPath: config.dryRun.logPath && resolve(config.dryRun.logPath),
        failRate: config.dryRun.failRate,
        latencyMs: config.dryRun.latencyMs,
        pairAfterMs: config.dryRun.pairAfterMs,
        replyRate: config.dryRun.replyRate,
        replyTexts: config.dryRun.replyTexts,
      });
  }
  return (sessionName) =>
    new LazyTransport('baileys', sessionName, async () => {
      const { BaileysTransport } = await import('./baileys/baileys-transport.js');
      return new BaileysTransport({
        sessionName,
        sessionsDir: resolve(config.sessionsDir),
        clock,
        random,
        logger,
        sentContents: deps.sentContents,
        reconnect: { baseMs: 1_000, maxMs: config.baileys.reconnectMaxMs },
        socketUrl: config.baileys.socketUrl,
        version: config.baileys.version,
        linkPreviews: config.baileys.linkPreviews,
      });
    });
}
