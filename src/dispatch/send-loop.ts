import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { isAbort, type Clock } from '../core/clock.js';
import { NotConnectedError } from '../core/errors.js';
import type { AppEventBus } from '../core/events.js';
import type { Random } from '../core/random.js';
import type { Repositories } from '../db/repositories.js';
import type { CampaignRun } from '../db/repos/campaign-runs-repo.js';
import type { ClaimCandidate } from '../db/repos/messages-repo.js';
import type { RunLifecycle } from '../campaigns/run-lifecycle.js';
import type { CapKey, ClaimedMessage, MessageQueue, PickedMessage } from '../queue/message-queue.js';
import { phoneToJid, type WhatsAppTransport } from '../whatsapp/transport.js';
import type { DailyCap } from './daily-cap.js';
import type { ExistenceCheck } from './existence-check.js';
import { HoldNotices } from './hold-notices.js';
import { holdsAt, resumeAt } from './holds.js';
import { LoginWait } from './login-wait.js';
import { OutcomeRecorder } from './outcome-recorder.js';
import { gapAfter, type Pacing } from './pacing.js';
import { quietUntil, type QuietHours } from './quiet-hours.js';
import type { RunRenderer } from './run-renderer.js';
import { MAX_TYPING_MS, typingTimeFor } from './typing-time.js';

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
  /** The pacing for a run (the number's defaults, or the campaign's override). */
  pacingFor(run: CampaignRun): Pacing;
  /** Checks numbers on WhatsApp before their first message; absent in tests that do not care. */
  existence?: ExistenceCheck;
  /** Told about every send's outcome (the breaker listens here). */
  observer?: SendObserver;
}

export interface SendObserver {
  sent(message: ClaimedMessage, at: number): void;
  failed(message: ClaimedMessage, error: unknown): void;
}

interface LookAhead {
  runIds: number[];
  /** The message the look-ahead checked; the claim takes it or nothing. */
  expectedId: number;
}

interface Following {
  message: ClaimedMessage;
  run: CampaignRun;
  active: CampaignRun[];
}

/** How long to wait when there is nothing to do and nothing will wake us (a safety net). */
const IDLE_RECHECK_MS = 60_000;

/** Real time steps may run back to back, without a timer wait, before the event loop gets a turn. */
const TURN_EVERY_MS = 20;

/**
 * One send loop per WhatsApp number. It sends one message at a time across the
 * number's running campaigns (round-robin), paced, capped and outside quiet
 * hours, and waits without burning attempts while the link is down.
 */
export class SendLoop {
  private stopping = false;
  private interrupt = new AbortController();
  private loopDone: Promise<void> | undefined;
  private nextSendAt = 0;
  private gapBudget = 0;
  private sentThisSession = 0;
  private lastRunId = 0;
  private lastTurnAt = performance.now();
  /** Claimed in the commit of the previous message's ack; sent next unless something changed. */
  private following: Following | undefined;
  private readonly unsubscribe: () => void;
  private readonly outcomes: OutcomeRecorder;
  private loginWait: LoginWait | undefined;
  private readonly holdNotices: HoldNotices;

  constructor(private readonly deps: SendLoopDeps) {
    this.unsubscribe = deps.transport.events.on('state', ({ state }) => {
      this.loginWait?.observe(state);
      this.wake();
    });
    this.outcomes = new OutcomeRecorder({ ...deps, sessionName: deps.transport.sessionName, stopping: () => this.stopping });
    this.holdNotices = new HoldNotices({ ...deps, sessionName: deps.transport.sessionName, dryRun: deps.transport.kind === 'dry-run' });
  }

  get sessionName(): string {
    return this.deps.transport.sessionName;
  }

  start(): void {
    if (this.loopDone) return;
    this.loginWait = new LoginWait(this.deps.clock.now());
    this.loginWait.observe(this.deps.transport.state);
    this.loopDone = this.loop();
  }

  /** Something changed (a run started, paused, the link came back): look again now. */
  wake(): void {
    this.interrupt.abort();
  }

  /** Finishes the message in flight, then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.unsubscribe();
    this.wake();
    await this.loopDone;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      if (this.interrupt.signal.aborted) {
        this.interrupt = new AbortController();
        // Something changed since it was claimed (a pause, a stop, the link): look again from the top.
        this.releaseFollowing();
      }
      try {
        await this.step();
      } catch (error) {
        if (isAbort(error)) continue;
        this.deps.logger.error({ err: error, session: this.sessionName }, 'send loop step failed');
        await this.pause(5_000).catch(() => undefined);
      }
      await this.letEventLoopTurn();
    }
    this.releaseFollowing();
  }

  /**
   * With no pacing and an instant transport no step waits on a timer, and a loop
   * that only awaits settled promises would hold the event loop for the whole
   * run: no receipts, no console, no SIGINT. Now and then it sleeps for 0 ms
   * (through the Clock, so a fake clock still decides when it goes on).
   */
  private async letEventLoopTurn(): Promise<void> {
    if (performance.now() - this.lastTurnAt < TURN_EVERY_MS) return;
    await this.deps.clock.sleep(0);
    this.lastTurnAt = performance.now();
  }

  private pause(ms: number): Promise<void> {
    return this.deps.clock.sleep(Math.max(0, ms), this.interrupt.signal).finally(() => (this.lastTurnAt = performance.now()));
  }

  private async step(): Promise<void> {
    const { repos, transport, lifecycle, clock } = this.deps;
    const following = this.takeFollowing();
    if (following) return this.transmit(following.message, following.run, following.active);
    const active = repos.runs.ofSessionInStates(this.sessionName, ['running', 'waiting_for_login']);
    if (active.length === 0) return this.pause(IDLE_RECHECK_MS);

    if (transport.state !== 'open') {
      const graceLeft = this.loginWait!.graceLeft(clock.now());
      // Woken as soon as the link comes up; only if it does not are the runs put on hold.
      if (graceLeft > 0) return this.pause(graceLeft);
      for (const run of active.filter((r) => r.state === 'running')) {
        lifecycle.transition(run.id, 'waiting_for_login', 'wait for login', 'the WhatsApp link is down');
      }
      return this.pause(IDLE_RECHECK_MS);
    }
    for (const run of active.filter((r) => r.state === 'waiting_for_login')) {
      lifecycle.transition(run.id, 'running', 'continue after login');
    }

    const now = clock.now();
    // Judge quiet hours and the cap at the moment the send will happen, not at the claim.
    const sendAt = Math.max(now, this.nextSendAt);
    const holds = holdsAt(sendAt, this.deps);
    if (holds.length > 0) {
      this.holdNotices.announce(holds, active);
      return this.deferTo(resumeAt(holds)!);
    }
    this.holdNotices.clear();

    // Claim a little before the send is due, so typing fills the end of the gap.
    const claimAt = this.nextSendAt - Math.min(this.gapBudget, MAX_TYPING_MS);
    if (claimAt > now) return this.pause(claimAt - now);

    const runIds = this.roundRobinOrder(active.map((r) => r.id));
    const prepared = this.deps.existence ? await this.deps.existence.prepare(runIds, now) : undefined;
    if (prepared && prepared.skipped > 0) {
      for (const run of active) this.deps.events.emit('run.progress', { runId: run.id, campaignId: run.campaignId });
      return;
    }
    // Only the message whose number was just vetted may be taken; anything else waits for its own check.
    const vetted = prepared ? (candidate: ClaimCandidate) => candidate.id === prepared.nextId : undefined;
    const picked = this.deps.queue.pickNext(runIds, now, (candidate) => this.deps.renderer.render(candidate), vetted);
    if (!picked) {
      for (const runId of runIds) lifecycle.completeIfDrained(runId);
      const due = this.deps.queue.earliestDue(runIds);
      return this.pause(due === undefined ? IDLE_RECHECK_MS : due - now);
    }
    this.lastRunId = picked.candidate.runId;
    await this.deliver(picked, active.find((r) => r.id === picked.candidate.runId)!, active);
  }

  /** The message claimed with the last ack, if it may still go: the link is up and its run still running. */
  private takeFollowing(): Following | undefined {
    const following = this.following;
    this.following = undefined;
    if (!following) return undefined;
    if (this.deps.transport.state === 'open' && this.deps.repos.runs.get(following.run.id)?.state === 'running') return following;
    this.deps.queue.release(following.message.id);
    return undefined;
  }

  private releaseFollowing(): void {
    if (this.following) this.deps.queue.release(this.following.message.id);
    this.following = undefined;
  }

  /** Nothing may go out before `at`: the next send is due then, with no typing lead. */
  private deferTo(at: number): Promise<void> {
    this.nextSendAt = at;
    this.gapBudget = 0;
    return this.pause(at - this.deps.clock.now());
  }

  private roundRobinOrder(runIds: number[]): number[] {
    const sorted = [...runIds].sort((a, b) => a - b);
    const after = sorted.filter((id) => id > this.lastRunId);
    return [...after, ...sorted.filter((id) => id <= this.lastRunId)];
  }

  /**
   * Waits for the picked message's turn and shows typing; only then is it
   * marked `sending`, right before the transport call. Until that commit
   * nothing is recorded, so a stop, a pause or a dropped link meanwhile (or a
   * crash) leaves it pending: it never left, so it is not `unknown`.
   */
  private async deliver(picked: PickedMessage, run: CampaignRun, active: CampaignRun[]): Promise<void> {
    const { transport, queue, clock } = this.deps;
    const jid = picked.candidate.waJid ?? phoneToJid(picked.candidate.phone);
    const untilDue = Math.max(0, this.nextSendAt - clock.now());
    const typingMs = Math.min(untilDue, typingTimeFor(picked.body));
    if (untilDue - typingMs > 0) await this.pause(untilDue - typingMs);
    if (typingMs > 0) await transport.typing(jid, typingMs).catch(() => undefined);
    if (this.stopping || transport.state !== 'open' || this.deps.repos.runs.get(run.id)?.state !== 'running') return;
    const message = queue.startSending(picked, clock.now());
    if (message) await this.transmit(message, run, active);
  }

  /** The transport call for a message marked `sending`, and its outcome recorded. */
  private async transmit(message: ClaimedMessage, run: CampaignRun, active: CampaignRun[]): Promise<void> {
    const { transport, queue, clock } = this.deps;
    // WhatsApp's own answer to the existence check says where the account is (a Brazilian one may lack the 9th digit).
    const jid = message.waJid ?? phoneToJid(message.phone);
    const pacing = this.deps.pacingFor(run);
    // Reads only: the next message's WhatsApp check was made, if at all, before this one was marked.
    const ahead = this.lookAhead(pacing, active);
    try {
      const media = this.deps.renderer.mediaFor(run.campaignId);
      if (media) await transport.sendMedia(jid, { ...media, caption: message.body }, { messageId: message.waMessageId });
      else await transport.sendText(jid, message.body, { messageId: message.waMessageId });
    } catch (error) {
      if (!(error instanceof NotConnectedError)) this.deps.observer?.failed(message, error);
      await this.outcomes.failed(message, error);
      this.afterMessage(message, run);
      return;
    }
    const sentAt = clock.now();
    const gap = gapAfter(this.sentThisSession + 1, pacing, this.deps.random);
    const capKey = this.deps.dailyCap.key(sentAt);
    const backToBack = gap === 0 && ahead !== undefined && !this.stopping && !this.interrupt.signal.aborted;
    try {
      if (backToBack) this.following = this.ackAndClaimFollowing(message.id, sentAt, capKey, ahead, active);
      else await this.outcomes.sent(message, sentAt, capKey);
    } catch {
      // The shared commit failed as a whole; the ack is tried again on its own.
      await this.outcomes.sent(message, sentAt, capKey);
    }
    this.deps.observer?.sent(message, sentAt);
    this.sentThisSession++;
    this.gapBudget = gap;
    this.nextSendAt = sentAt + gap;
    this.afterMessage(message, run);
  }

  private afterMessage(message: ClaimedMessage, run: CampaignRun): void {
    const { logger } = this.deps;
    this.deps.events.emit('run.progress', { runId: run.id, campaignId: run.campaignId });
    this.deps.lifecycle.completeIfDrained(run.id);
    logger.debug({ session: this.sessionName, messageId: message.waMessageId }, 'message handled');
  }

  /**
   * With no gap between sends the next message is marked `sending` in the same
   * commit as this one's ack (one fsync per message instead of two) and sent at
   * once. The network must sit neither between a send and its ack nor between
   * a mark and its send, so only a message whose number's WhatsApp answer is
   * already known may follow; one that needs the check is picked the regular
   * way, its check made before anything is marked.
   */
  private lookAhead(pacing: Pacing, active: CampaignRun[]): LookAhead | undefined {
    if (pacing.delayMaxMs > 0) return undefined;
    const runIds = this.roundRobinOrder(active.map((r) => r.id));
    const now = this.deps.clock.now();
    const expectedId = this.deps.existence ? this.deps.existence.vettedNext(runIds, now) : this.deps.queue.peekNext(runIds, now)?.id;
    return expectedId === undefined ? undefined : { runIds, expectedId };
  }

  private ackAndClaimFollowing(messageId: number, sentAt: number, capKey: CapKey, ahead: LookAhead, active: CampaignRun[]): Following | undefined {
    const { queue, quietHours, timeZone, dailyCap, renderer } = this.deps;
    const next = queue.ackSentAndClaimNext(messageId, sentAt, capKey, {
      runIds: ahead.runIds,
      now: sentAt,
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
    this.lastRunId = run.id;
    return { message: next, run, active };
  }
}
