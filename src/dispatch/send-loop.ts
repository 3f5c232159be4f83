import { performance } from 'node:perf_hooks';
import { isAbort } from '../core/clock.js';
import { NotConnectedError, PermanentSendError } from '../core/errors.js';
import { MAX_MESSAGE_CHARS } from '../campaigns/template-syntax.js';
import type { CampaignRun } from '../db/repos/campaign-runs-repo.js';
import type { ClaimCandidate } from '../db/repos/messages-repo.js';
import type { ClaimedMessage, PickedMessage } from '../queue/message-queue.js';
import { phoneToJid } from '../whatsapp/transport.js';
import { BackToBack } from './back-to-back.js';
import { HoldNotices } from './hold-notices.js';
import { holdsAt, resumeAt } from './holds.js';
import { LinkGate } from './link-gate.js';
import { OutcomeRecorder } from './outcome-recorder.js';
import { gapAfter } from './pacing.js';
import type { ReplyLane } from '../inbox/reply-lane.js';
import { MAX_TYPING_MS, typingTimeFor } from './typing-time.js';
import type { SendLoopDeps } from './send-loop-deps.js';

export type { SendLoopDeps, SendObserver } from './send-loop-deps.js';

/** How often a database that cannot record is looked at again while sending is held. */
const DATABASE_RECHECK_MS = 10_000;

/** How long to wait when there is nothing to do and nothing will wake us (a safety net). */
const IDLE_RECHECK_MS = 60_000;

/** Real time steps may run back to back, without a timer wait, before the event loop gets a turn. */
const TURN_EVERY_MS = 10;

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
  private readonly backToBack: BackToBack;
  private readonly unsubscribe: () => void;
  private readonly outcomes: OutcomeRecorder;
  private linkGate: LinkGate | undefined;
  private readonly holdNotices: HoldNotices;
  /** The database problem sending is held for, logged once. */
  private heldFor: string | undefined;

  constructor(private readonly deps: SendLoopDeps) {
    this.unsubscribe = deps.transport.events.on('state', ({ state }) => {
      this.linkGate?.observe(state);
      this.wake();
    });
    this.backToBack = new BackToBack(deps);
    this.outcomes = new OutcomeRecorder({ ...deps, sessionName: deps.transport.sessionName, stopping: () => this.stopping });
    this.holdNotices = new HoldNotices({ ...deps, sessionName: deps.transport.sessionName, dryRun: deps.transport.kind === 'dry-run' });
  }

  get sessionName(): string {
    return this.deps.transport.sessionName;
  }

  start(): void {
    if (this.loopDone) return;
    this.linkGate = new LinkGate(this.deps);
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
    this.backToBack.dispose();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      if (this.interrupt.signal.aborted) {
        this.interrupt = new AbortController();
        // Something changed since it was claimed (a pause, a stop, the link): look again from the top.
        this.backToBack.release();
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
    this.backToBack.release();
  }

  /**
   * With no pacing and an instant transport no step waits on a timer, and a loop
   * that only awaits settled promises would hold the event loop for the whole
   * run: no receipts, no console, no SIGINT. Every few milliseconds it yields
   * through the Clock (a fake clock still decides when it goes on), which lets
   * due timers and I/O run without idling a millisecond as setTimeout(0) would.
   */
  private async letEventLoopTurn(): Promise<void> {
    if (performance.now() - this.lastTurnAt < TURN_EVERY_MS) return;
    const { clock } = this.deps;
    await (clock.yieldTurn ? clock.yieldTurn() : clock.sleep(0));
    this.lastTurnAt = performance.now();
  }

  private pause(ms: number): Promise<void> {
    return this.deps.clock.sleep(Math.max(0, ms), this.interrupt.signal).finally(() => (this.lastTurnAt = performance.now()));
  }

  private async step(): Promise<void> {
    const { repos, lifecycle, clock } = this.deps;
    const following = this.backToBack.take();
    if (following) return this.transmit(following.message, following.run, following.active);
    if (this.deps.replies && (await this.replyTurn(this.deps.replies))) return;
    const active = repos.runs.ofSessionInStates(this.sessionName, ['running', 'waiting_for_login']);
    if (active.length === 0) return this.pause(IDLE_RECHECK_MS);
    // A message sent while the database cannot record it would be sent again, or lost from every report.
    const databaseProblem = this.deps.database?.problem();
    if (databaseProblem !== undefined) {
      if (databaseProblem !== this.heldFor) this.deps.logger.error({ session: this.sessionName, problem: databaseProblem }, 'sending held: the database cannot record what is sent');
      this.heldFor = databaseProblem;
      return this.pause(DATABASE_RECHECK_MS);
    }
    this.heldFor = undefined;
    const linkWait = this.linkGate!.admit(active, IDLE_RECHECK_MS);
    if (linkWait !== undefined) return this.pause(linkWait);

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

  /**
   * An operator's answer, when one is due and may go: it waits for the pace
   * and the holds (cap, quiet hours) like any message, never while the link is
   * down or the breaker holds the number. False when there is none to send now.
   */
  private async replyTurn(lane: ReplyLane): Promise<boolean> {
    const { transport, clock } = this.deps;
    const reply = lane.next(clock.now());
    if (!reply || transport.state !== 'open' || lane.held() !== null) return false;
    const holds = holdsAt(Math.max(clock.now(), this.nextSendAt), this.deps);
    if (holds.length > 0) {
      await this.deferTo(resumeAt(holds)!);
      return true;
    }
    const untilDue = Math.max(0, this.nextSendAt - clock.now());
    const typingMs = Math.min(untilDue, typingTimeFor(reply.body));
    if (untilDue - typingMs > 0) await this.pause(untilDue - typingMs);
    if (typingMs > 0) await transport.typing(reply.replyJid, typingMs).catch(() => undefined);
    if (this.stopping || transport.state !== 'open') return true;
    const message = lane.startSending(reply, clock.now());
    if (!message) return true;
    try {
      await transport.sendText(reply.replyJid, message.body, { messageId: message.waMessageId });
    } catch (error) {
      if (!(error instanceof NotConnectedError)) this.deps.observer?.failed(message, error);
      await this.outcomes.failed(message, error);
      lane.settle(message.id);
      return true;
    }
    const sentAt = clock.now();
    await this.outcomes.sent(message, sentAt, this.deps.dailyCap.key(sentAt));
    lane.settle(message.id);
    this.deps.observer?.sent(message, sentAt);
    this.sentThisSession++;
    this.gapBudget = gapAfter(this.sentThisSession, lane.pacing, this.deps.random);
    this.nextSendAt = sentAt + this.gapBudget;
    return true;
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
    if (this.stopping || transport.state !== 'open' || this.deps.repos.runs.stateOf(run.id) !== 'running') return;
    const message = queue.startSending(picked, clock.now());
    if (message) await this.transmit(message, run, active);
  }

  /** The transport call for a message marked `sending`, and its outcome recorded. */
  private async transmit(message: ClaimedMessage, run: CampaignRun, active: CampaignRun[]): Promise<void> {
    const { transport, clock } = this.deps;
    // WhatsApp's own answer to the existence check says where the account is (a Brazilian one may lack the 9th digit).
    const jid = message.waJid ?? phoneToJid(message.phone);
    const { pacing, media } = this.deps.sendingFor(run);
    // Reads only: the next message's WhatsApp check was made, if at all, before this one was marked.
    const ahead = this.backToBack.lookAhead(pacing, this.roundRobinOrder(active.map((r) => r.id)));
    const handedAt = clock.now();
    try {
      // A contact's long column values can push a filled-in message past WhatsApp's limit: it fails alone, for good.
      if (message.body.length > MAX_MESSAGE_CHARS) {
        throw new PermanentSendError(`the message is ${message.body.length} characters long once filled in; WhatsApp takes at most ${MAX_MESSAGE_CHARS}`);
      }
      if (media) await transport.sendMedia(jid, { ...media, caption: message.body }, { messageId: message.waMessageId });
      else await transport.sendText(jid, message.body, { messageId: message.waMessageId });
    } catch (error) {
      if (!(error instanceof NotConnectedError)) this.deps.observer?.failed(message, error);
      await this.outcomes.failed(message, error);
      this.afterMessage(message, run);
      return;
    }
    const sentAt = clock.now();
    this.deps.onSendLatency?.(sentAt - handedAt);
    const gap = gapAfter(this.sentThisSession + 1, pacing, this.deps.random);
    const capKey = this.deps.dailyCap.key(sentAt);
    const backToBack = gap === 0 && ahead !== undefined && !this.stopping && !this.interrupt.signal.aborted;
    try {
      if (backToBack) this.lastRunId = this.backToBack.ackAndClaim(message.id, sentAt, capKey, ahead, active)?.run.id ?? this.lastRunId;
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
    // A run whose next message is already claimed is not drained: no reads for it.
    if (!this.backToBack.follows(run.id)) this.deps.lifecycle.completeIfDrained(run.id);
    logger.debug({ session: this.sessionName, messageId: message.waMessageId }, 'message handled');
  }
}
