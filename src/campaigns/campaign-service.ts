import type { Clock } from '../core/clock.js';
import { IllegalTransitionError, NotFoundError, ZapcastError } from '../core/errors.js';
import { inTransaction } from '../db/connection.js';
import type { Repositories } from '../db/repositories.js';
import type { Pacing } from '../dispatch/pacing.js';
import type { Campaign, CampaignMedia } from '../db/repos/campaigns-repo.js';
import type { CampaignRun } from '../db/repos/campaign-runs-repo.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import { enqueueRunMessages } from '../queue/enqueue.js';
import { parseTemplate } from './template.js';
import type { MessageQueue } from '../queue/message-queue.js';
import { ACTIVE_RUN_STATES, assertRunTransition, describeState, type RunState } from './run-state.js';
import type { RunLifecycle } from './run-lifecycle.js';
import type { AppEventBus } from '../core/events.js';

export interface ResumeOutcome {
  run: CampaignRun;
  resent: number;
  /** Messages still unknown after this resume (offered to the operator). */
  unknown: number;
}

/** Why a campaign that is not paused cannot be resumed, in one line with what to do instead. */
function notResumable(campaign: Campaign, unknown: number | undefined): string {
  const id = campaign.id;
  switch (campaign.state) {
    case 'draft':
      return `campaign ${id} is a draft; there is nothing to resume (/run ${id} sends it).`;
    case 'scheduled':
      return `campaign ${id} is scheduled and waits for its next run; there is nothing to resume (/schedules ${id} shows when it runs).`;
    case 'running':
      return `campaign ${id} is running; only a paused campaign can be resumed.`;
    case 'waiting_for_login':
      return `campaign ${id} is waiting for the WhatsApp login; it goes on by itself once the number is linked (/qr).`;
    default: {
      const resend = campaign.state === 'completed' && unknown ? ` (/resume ${id} resend-unknown sends its ${unknown} message(s) with an unknown outcome again)` : '';
      return `campaign ${id} is ${campaign.state}; it cannot be resumed${resend}.`;
    }
  }
}

/** Campaign operations as operators name them: create, start, pause, resume, stop, cancel. */
export class CampaignService {
  constructor(
    private readonly repos: Repositories,
    private readonly lifecycle: RunLifecycle,
    private readonly queue: MessageQueue,
    private readonly dispatcher: Dispatcher,
    private readonly clock: Clock,
    private readonly events: AppEventBus,
  ) {}

  get(campaignId: number): Campaign {
    const campaign = this.repos.campaigns.get(campaignId);
    if (!campaign) throw new NotFoundError('Campaign', campaignId);
    return campaign;
  }

  /**
   * Everything that would refuse a draft, checked before anything is stored, so
   * a caller can vet a /send before keeping its upload. Returns the number it binds to.
   */
  checkDraft(listId: number, sessionName: string | undefined): string {
    if (!this.repos.lists.get(listId)) throw new NotFoundError('List', listId);
    const contacts = this.repos.contacts.count(listId);
    if (contacts === 0) throw new ZapcastError(`List ${listId} has no contacts (its import found no valid numbers); there is nobody to send to.`);
    if (contacts === this.repos.contacts.countOptedOut(listId)) throw new ZapcastError(`Every contact of list ${listId} has opted out; there is nobody to send to.`);
    return this.dispatcher.resolve(sessionName).transport.sessionName;
  }

  createDraft(input: {
    listId: number;
    template: string;
    media?: CampaignMedia | null;
    sessionName?: string;
    pacing?: Partial<Pacing> | null;
    createdBy?: string;
  }): Campaign {
    if (input.template.trim() === '' && !input.media) throw new ZapcastError('The message is empty.');
    // A malformed variation or an over-long text is refused here, before anything exists to send.
    parseTemplate(input.template);
    const sessionName = this.checkDraft(input.listId, input.sessionName);
    const id = this.repos.campaigns.create({
      listId: input.listId,
      sessionName,
      template: input.template,
      media: input.media ?? null,
      pacing: input.pacing ?? null,
      createdBy: input.createdBy,
      at: this.clock.now(),
    });
    return this.get(id);
  }

  /** Creates a run over the list as it is now and starts sending. */
  async start(campaignId: number, trigger: 'manual' | 'schedule' = 'manual', scheduleId: number | null = null): Promise<CampaignRun> {
    const campaign = this.get(campaignId);
    assertRunTransition(campaignId, campaign.state, 'running', 'start');
    // Only a schedule runs a finished campaign again; by hand that would message the whole list a second time.
    if (trigger === 'manual' && campaign.state !== 'draft' && campaign.state !== 'scheduled') {
      throw new IllegalTransitionError(
        `campaign ${campaignId} is ${campaign.state}; it cannot be started again. Make a new one with /send ${campaign.listId} <message>, or /schedule it.`,
      );
    }
    const range = this.repos.contacts.idRange(campaign.listId);
    if (!range) throw new ZapcastError(`List ${campaign.listId} has no contacts; nothing to send.`);
    const now = this.clock.now();
    const runId = inTransaction(this.repos.db, () => {
      const id = this.repos.runs.create({
        campaignId,
        trigger,
        scheduleId,
        total: this.repos.contacts.count(campaign.listId),
        enqueueStart: range.min,
        enqueueEnd: range.max,
        at: now,
      });
      this.repos.campaigns.setState(campaignId, 'running', null, now);
      return id;
    });
    this.events.emit('run.state', { runId, campaignId, from: campaign.state, to: 'running', reason: null });
    await enqueueRunMessages(this.repos, runId, campaign.listId);
    this.dispatcher.wake(campaign.sessionName);
    return this.repos.runs.get(runId)!;
  }

  /** Finishes enqueueing runs a crash interrupted; called at start. */
  async finishInterruptedEnqueues(): Promise<number> {
    const runs = this.repos.runs.withUnfinishedEnqueue();
    for (const run of runs) {
      const campaign = this.get(run.campaignId);
      await enqueueRunMessages(this.repos, run.id, campaign.listId);
    }
    return runs.length;
  }

  private currentRun(campaign: Campaign, verb: string): CampaignRun {
    const run = this.repos.runs.latestOf(campaign.id);
    if (!run) throw new ZapcastError(`campaign ${campaign.id} is ${campaign.state === 'draft' ? 'a draft' : campaign.state}; it cannot be ${verb} (send /run ${campaign.id} first).`);
    return run;
  }

  pause(campaignId: number, reason: string | null = null): CampaignRun {
    const campaign = this.get(campaignId);
    assertRunTransition(campaignId, campaign.state, 'paused', 'pause');
    const run = this.lifecycle.transition(this.currentRun(campaign, 'paused').id, 'paused', 'pause', reason);
    this.dispatcher.wake(campaign.sessionName);
    return run;
  }

  /**
   * Resumes a paused run (paused by an operator or by the breaker); anything
   * else is refused in one line, and nothing changes. With `resendUnknown`,
   * messages whose outcome was lost in a crash are queued again with their
   * original message ids (WhatsApp drops a duplicate id, so a message that did
   * arrive is not shown twice); that may reopen the run they belong to.
   */
  resume(campaignId: number, options: { resendUnknown: boolean }): ResumeOutcome {
    const campaign = this.get(campaignId);
    const run = this.repos.runs.latestOf(campaignId);
    if (options.resendUnknown) return this.resendUnknown(campaign, run);
    if (!run || campaign.state !== 'paused' || run.state !== 'paused') throw new ZapcastError(notResumable(campaign, run && this.repos.counters.forRun(run.id).unknown));
    const resumed = this.lifecycle.transition(run.id, 'running', 'resume');
    this.dispatcher.wake(campaign.sessionName);
    return { run: resumed, resent: 0, unknown: this.repos.counters.forRun(run.id).unknown };
  }

  private resendUnknown(campaign: Campaign, run: CampaignRun | undefined): ResumeOutcome {
    const unknown = run ? this.repos.counters.forRun(run.id).unknown : 0;
    if (!run || unknown === 0) throw new ZapcastError(`campaign ${campaign.id} has no messages with an unknown outcome to resend.`);
    if (run.state === 'running' || run.state === 'waiting_for_login') {
      const resent = this.queue.requeueUnknown(run.id);
      this.dispatcher.wake(campaign.sessionName);
      return { run, resent, unknown: 0 };
    }
    const action = run.state === 'completed' ? 'reopen' : 'resume';
    assertRunTransition(campaign.id, run.state, 'running', action);
    const resent = this.queue.requeueUnknown(run.id);
    const resumed = this.lifecycle.transition(run.id, 'running', action);
    this.dispatcher.wake(campaign.sessionName);
    return { run: resumed, resent, unknown: 0 };
  }

  /**
   * A schedule now waits to start this campaign. A running campaign keeps
   * running (the scheduler marks it again when the run ends); a finished one
   * becomes scheduled again, since a recurring campaign has one run per fire.
   */
  markScheduled(campaignId: number, reason: string | null): Campaign {
    const campaign = this.get(campaignId);
    if (campaign.state === 'scheduled' || ACTIVE_RUN_STATES.includes(campaign.state)) return campaign;
    assertRunTransition(campaignId, campaign.state, 'scheduled', 'schedule');
    this.setCampaignOnly(campaign, 'scheduled', reason);
    return this.get(campaignId);
  }

  /** Its last schedule is gone: back to a draft, or to what its last run ended as. */
  unmarkScheduled(campaignId: number): Campaign {
    const campaign = this.get(campaignId);
    if (campaign.state !== 'scheduled') return campaign;
    const last = this.repos.runs.latestOf(campaignId);
    const to = last ? last.state : 'draft';
    assertRunTransition(campaignId, campaign.state, to, 'unschedule');
    this.setCampaignOnly(campaign, to, last ? last.stateReason : null);
    return this.get(campaignId);
  }

  /** A campaign state change with no run behind it (a schedule added or removed). */
  private setCampaignOnly(campaign: Campaign, to: RunState, reason: string | null): void {
    this.repos.campaigns.setState(campaign.id, to, reason, this.clock.now());
    this.events.emit('run.state', { runId: null, campaignId: campaign.id, from: campaign.state, to, reason });
  }

  /**
   * Deletes a draft: it never ran, so nothing refers to it but its own
   * (removed) schedules. Its id is never given out again. Returns the media
   * file it alone used, for the caller to delete.
   */
  deleteDraft(campaignId: number): { unusedMedia: string | undefined } {
    const campaign = this.get(campaignId);
    if (campaign.state !== 'draft') throw new ZapcastError(`campaign ${campaignId} is ${describeState(campaign.state)}, not a draft; it cannot be deleted.`);
    const media = campaign.media?.path;
    const unusedMedia = media && !this.repos.campaigns.mediaInUse(media, campaignId) ? media : undefined;
    const deleted = inTransaction(this.repos.db, () => this.repos.campaigns.deleteUnrun(campaignId));
    if (!deleted) throw new ZapcastError(`campaign ${campaignId} has runs; it cannot be deleted.`);
    return { unusedMedia };
  }

  /** Ends a campaign for good; `cancel` is the operator's /cancel of one that has not started, and is said so. */
  stop(campaignId: number, how: 'stop' | 'cancel' = 'stop'): Campaign {
    const campaign = this.get(campaignId);
    assertRunTransition(campaignId, campaign.state, 'stopped', how);
    const reason = how === 'cancel' ? 'cancelled by an operator' : 'stopped by an operator';
    const run = this.repos.runs.latestOf(campaignId);
    if (run && !['completed', 'stopped', 'failed'].includes(run.state)) {
      this.lifecycle.transition(run.id, 'stopped', how, reason);
    } else {
      this.repos.campaigns.setState(campaignId, 'stopped', reason, this.clock.now());
      this.events.emit('run.state', { runId: null, campaignId, from: campaign.state, to: 'stopped', reason });
    }
    this.dispatcher.wake(campaign.sessionName);
    return this.get(campaignId);
  }
}
