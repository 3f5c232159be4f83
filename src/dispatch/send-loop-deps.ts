import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import type { AppEventBus } from '../core/events.js';
import type { Random } from '../core/random.js';
import type { Repositories } from '../db/repositories.js';
import type { CampaignRun } from '../db/repos/campaign-runs-repo.js';
import type { CampaignMedia } from '../db/repos/campaigns-repo.js';
import type { RunLifecycle } from '../campaigns/run-lifecycle.js';
import type { ClaimedMessage, MessageQueue } from '../queue/message-queue.js';
import type { WhatsAppTransport } from '../whatsapp/transport.js';
import type { ReplyLane } from '../inbox/reply-lane.js';
import type { DailyCap } from './daily-cap.js';
import type { ExistenceCheck } from './existence-check.js';
import type { Pacing } from './pacing.js';
import type { QuietHours } from './quiet-hours.js';
import type { RunRenderer } from './run-renderer.js';

/** What a number's send loop works with (wired by session-setup.ts). */
export interface SendLoopDeps {
  transport: WhatsAppTransport;
  repos: Repositories;
  queue: MessageQueue;
  lifecycle: RunLifecycle;
  renderer: RunRenderer;
  dailyCap: DailyCap;
  clock: Clock;
  random: Random;
  events: AppEventBus;
  logger: Logger;
  quietHours: QuietHours | undefined;
  timeZone: string;
  /** How a run's next message goes: its pacing (the number's, the campaign's override, the slow-down) and media. Read per message. */
  sendingFor(run: CampaignRun): { pacing: Pacing; media: CampaignMedia | null };
  /** Checks numbers on WhatsApp before their first message; absent in tests that do not care. */
  existence?: ExistenceCheck;
  /** Told about every send's outcome (the breaker listens here). */
  observer?: SendObserver;
  /** Told how long WhatsApp took to accept each message that left (/metrics' send latency). */
  onSendLatency?(elapsedMs: number): void;
  /** Why the database cannot record what is sent (deleted, replaced, read-only): nothing goes out meanwhile. */
  database?: { problem(): string | undefined };
  /** Operators' answers to people who wrote in; they go before campaign messages. */
  replies?: ReplyLane;
}

export interface SendObserver {
  sent(message: ClaimedMessage, at: number): void;
  failed(message: ClaimedMessage, error: unknown): void;
}
