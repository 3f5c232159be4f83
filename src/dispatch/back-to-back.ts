import type { Clock } from '../core/clock.js';
import type { AppEventBus } from '../core/events.js';
import type { Repositories } from '../db/repositories.js';
import type { CampaignRun } from '../db/repos/campaign-runs-repo.js';
import type { CapKey, ClaimedMessage, MessageQueue } from '../queue/message-queue.js';
import type { WhatsAppTransport } from '../whatsapp/transport.js';
import type { DailyCap } from './daily-cap.js';
import type { ExistenceCheck } from './existence-check.js';
import type { Pacing } from './pacing.js';
import { quietUntil, type QuietHours } from './quiet-hours.js';
import type { RunRenderer } from './run-renderer.js';

export interface LookAhead {
  runIds: number[];
  /** The message the look-ahead checked; the claim takes it or nothing. */
  expectedId: number;
}

/** A message marked `sending` in the commit of the previous one's ack, to be sent next. */
export interface Following {
  message: ClaimedMessage;
  run: CampaignRun;
  active: CampaignRun[];
}

export interface BackToBackDeps {
  transport: WhatsAppTransport;
  repos: Repositories;
  queue: MessageQueue;
  renderer: RunRenderer;
  dailyCap: DailyCap;
  clock: Clock;
  events: AppEventBus;
  quietHours: QuietHours | undefined;
  timeZone: string;
  existence?: ExistenceCheck;
}

/**
 * With no gap between sends the next message is marked `sending` in the same
 * commit as this one's ack (one fsync per message instead of two) and sent at
 * once. The network must sit neither between a send and its ack nor between
 * a mark and its send, so only a message whose number's WhatsApp answer is
 * already known may follow; one that needs the check is picked the regular
 * way, its check made before anything is marked.
 */
export class BackToBack {
  private following: Following | undefined;
  /** A run changed state since the claim: take() reads the run before letting its message go. */
  private runMoved = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: BackToBackDeps) {
    // Every run state change goes through RunLifecycle, which announces it: without one, the run is still running.
    this.unsubscribe = deps.events.on('run.state', ({ runId }) => {
      if (runId === null || runId === this.following?.run.id) this.runMoved = true;
    });
  }

  dispose(): void {
    this.unsubscribe();
  }

  /** The message that may follow the one about to go, when pacing leaves no gap (reads only). */
  lookAhead(pacing: Pacing, runIds: number[]): LookAhead | undefined {
    if (pacing.delayMaxMs > 0) return undefined;
    const now = this.deps.clock.now();
    const expectedId = this.deps.existence ? this.deps.existence.vettedNext(runIds, now) : this.deps.queue.peekNext(runIds, now)?.id;
    return expectedId === undefined ? undefined : { runIds, expectedId };
  }

  /** Acks a sent message and, in the same commit, marks the looked-ahead one `sending`; returns it when it may follow. */
  ackAndClaim(messageId: number, sentAt: number, capKey: CapKey, ahead: LookAhead, active: CampaignRun[]): Following | undefined {
    const { queue, quietHours, timeZone, dailyCap, renderer } = this.deps;
    const next = queue.ackSentAndClaimNext(messageId, sentAt, capKey, {
      runIds: ahead.runIds,
      now: sentAt,
      expectedId: ahead.expectedId,
      render: (candidate) => renderer.render(candidate),
      // Asked after this ack is counted, so a send that reaches the cap claims nothing.
      accept: (candidate) =>
        candidate.id === ahead.expectedId && quietUntil(sentAt, quietHours, timeZone) === undefined && dailyCap.blockedUntil(sentAt) === undefined,
    });
    if (!next) return undefined;
    const run = active.find((r) => r.id === next.runId);
    if (!run) {
      queue.release(next.id);
      return undefined;
    }
    this.following = { message: next, run, active };
    this.runMoved = false;
    return this.following;
  }

  /** The message claimed with the last ack, if it may still go: the link is up and its run still running. */
  take(): Following | undefined {
    const following = this.following;
    this.following = undefined;
    if (!following) return undefined;
    const running = !this.runMoved || this.deps.repos.runs.stateOf(following.run.id) === 'running';
    if (this.deps.transport.state === 'open' && running) return following;
    this.deps.queue.release(following.message.id);
    return undefined;
  }

  /** A message of this run is claimed to go next. */
  follows(runId: number): boolean {
    return this.following?.run.id === runId;
  }

  /** Something changed (a pause, a stop, the link): the claimed message goes back to pending, no attempt spent. */
  release(): void {
    if (this.following) this.deps.queue.release(this.following.message.id);
    this.following = undefined;
  }
}
