import type { Logger } from 'pino';
import type { CampaignService } from '../campaigns/campaign-service.js';
import type { RunLifecycle } from '../campaigns/run-lifecycle.js';
import type { StatusService } from '../campaigns/status-service.js';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { AppEventBus } from '../core/events.js';
import type { Random } from '../core/random.js';
import type { Repositories } from '../db/repositories.js';
import type { MessageQueue } from '../queue/message-queue.js';
import { InboundHandler } from '../safety/inbound-handler.js';
import { SessionGuard } from '../safety/session-guard.js';
import type { TripKind } from '../safety/breaker.js';
import { warmUpDay } from '../safety/warm-up.js';
import type { WhatsAppTransport } from '../whatsapp/transport.js';
import { wireTransport } from '../whatsapp/wire-transport.js';
import { DailyCap } from './daily-cap.js';
import type { Dispatcher, SessionSender } from './dispatcher.js';
import { ExistenceCheck } from './existence-check.js';
import type { RunRenderer } from './run-renderer.js';
import { SendLoop } from './send-loop.js';
import { scalePacing } from './pacing.js';
import { InboxRecorder } from '../inbox/inbox-recorder.js';
import { ReplyLane } from '../inbox/reply-lane.js';

export interface SessionSetupDeps {
  config: Config;
  repos: Repositories;
  queue: MessageQueue;
  lifecycle: RunLifecycle;
  renderer: RunRenderer;
  campaigns: CampaignService;
  status: StatusService;
  dispatcher: Dispatcher;
  clock: Clock;
  random: Random;
  events: AppEventBus;
  logger: Logger;
  onBreakerTrip?: (sessionName: string, kind: TripKind) => void;
  onSendLatency?: (sessionName: string, elapsedMs: number) => void;
  /** Why the database cannot record what is sent; sending is held meanwhile. */
  database?: { problem(): string | undefined };
}

export interface SessionParts extends SessionSender {
  guard: SessionGuard;
  unwire(): void;
}

/** One WhatsApp number: its transport, send loop, daily cap with warm-up, and safety guard. */
export function setUpSession(sessionName: string, transport: WhatsAppTransport, deps: SessionSetupDeps): SessionParts {
  const { config, repos, clock, events, logger } = deps;
  repos.waSessions.ensure(sessionName, clock.now());
  const dailyCap = new DailyCap(repos.sendDays, sessionName, config.timeZone, (now) =>
    warmUpDay(
      now,
      // With no cap there is no warm-up either: the session row is not read for every message.
      config.dailyCap > 0 ? (repos.waSessions.get(sessionName)?.linkedAt ?? null) : null,
      { dailyCap: config.dailyCap, warmUpDays: config.safety.warmUpDays, startCap: config.safety.warmUpStartCap },
      config.timeZone,
    ),
  );
  const inbound = new InboundHandler(
    repos,
    events,
    logger,
    { sessionName, optOutWords: config.safety.optOutWords, optOutReply: config.safety.optOutReply },
    (phone, text) => deps.dispatcher.sendDirect(sessionName, phone, text, () => clock.now()),
    new InboxRecorder({ repos, events, logger, inboxAll: config.inboxAll }),
  );
  const guard = new SessionGuard(sessionName, {
    transport,
    repos,
    campaigns: deps.campaigns,
    events,
    logger,
    inbound,
    breakerPolicy: {
      maxConsecutiveFailures: config.safety.breakerMaxFailures,
      minDeliveredRatio: config.safety.breakerMinDeliveredRatio,
      ratioSample: config.safety.breakerSample,
      // Judged after 15 minutes, or sooner when receipts are declared overdue sooner.
      ratioGraceMs: Math.min(15 * 60_000, config.safety.receiptTimeoutMs),
    },
    onTrip: deps.onBreakerTrip,
  });
  const replies = new ReplyLane({
    repos,
    sessionName,
    breakerHold: () => (guard.breaker.state === 'tripped' ? guard.breaker.tripReason : null),
    pacing: () => scalePacing(config.pacing, repos.waSessions.paceFactor(sessionName)),
  });
  const loop = new SendLoop({
    transport,
    repos,
    queue: deps.queue,
    lifecycle: deps.lifecycle,
    renderer: deps.renderer,
    dailyCap,
    clock,
    random: deps.random,
    events,
    logger,
    quietHours: config.quietHours,
    timeZone: config.timeZone,
    sendingFor: (run) => {
      const settings = repos.campaigns.sendingSettings(run.campaignId);
      const paceFactor = settings ? repos.waSessions.paceFactor(settings.sessionName) : 1;
      return { pacing: deps.status.pacingWith(settings?.pacing ?? null, paceFactor), media: settings?.media ?? null };
    },
    existence: new ExistenceCheck(repos, transport),
    observer: guard,
    onSendLatency: (elapsedMs) => deps.onSendLatency?.(sessionName, elapsedMs),
    database: deps.database,
    replies,
  });
  const unwireTransport = wireTransport({ transport, repos, queue: deps.queue, events, clock, logger });
  return {
    transport,
    loop,
    dailyCap,
    guard,
    replies,
    unwire() {
      unwireTransport();
      guard.stop();
    },
  };
}
