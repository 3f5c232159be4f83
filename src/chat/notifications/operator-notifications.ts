import type { AppServices } from '../../app-services.js';
import type { TimerHandle } from '../../core/clock.js';
import type { Button } from '../../core/command.js';
import { FINISHED_RUN_STATES, describeState } from '../../campaigns/run-state.js';

export type NoticeKind = 'link-up' | 'link-down' | 'link-needed' | 'run-finished' | 'opt-outs' | 'schedule-fired' | 'notice';

/** Something every operator should hear about, whatever front-end they use. */
export interface OperatorNotice {
  kind: NoticeKind;
  text: string;
  buttons?: Button[];
  /** The WhatsApp session it is about (link notices). */
  sessionName?: string;
  /** A campaign whose live progress view belongs with the notice (a schedule that fired). */
  progressCampaignId?: number;
}

export interface NotificationTiming {
  /** A link that drops and says it will reconnect is only reported if still down after this long. */
  linkDownGraceMs: number;
  /** Opt-outs arriving within this window go out as one notice. */
  optOutBatchMs: number;
}

export const DEFAULT_NOTIFICATION_TIMING: NotificationTiming = { linkDownGraceMs: 60_000, optOutBatchMs: 60_000 };

const LISTED_OPT_OUTS = 10;

interface LinkMemory {
  everOpen: boolean;
  downAnnounced: boolean;
  needAnnounced: boolean;
  downTimer?: TimerHandle;
}

/**
 * Turns app events into the notices operators get in their private chats:
 * link up and down (a brief reconnect is not news), a number that needs
 * linking, runs that finished with their figures, opt-outs in batches,
 * schedules that fired, and other parts' notices (the breaker's, with its
 * buttons). Front-ends decide where and how each is shown.
 */
export class OperatorNotifications {
  private readonly links = new Map<string, LinkMemory>();
  private readonly optOuts: string[] = [];
  private optOutTimer: TimerHandle | undefined;
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly services: Pick<AppServices, 'events' | 'clock' | 'status' | 'dryRun' | 'logger'>,
    private readonly deliver: (notice: OperatorNotice) => void,
    private readonly timing: NotificationTiming = DEFAULT_NOTIFICATION_TIMING,
  ) {}

  private get dry(): string {
    return this.services.dryRun ? '[DRY RUN] ' : '';
  }

  private link(sessionName: string): LinkMemory {
    let memory = this.links.get(sessionName);
    if (!memory) this.links.set(sessionName, (memory = { everOpen: false, downAnnounced: false, needAnnounced: false }));
    return memory;
  }

  /** Listeners run inside whoever emitted the event (the send loop, say): a notice going wrong must not hurt it. */
  private guarded<T>(handler: (payload: T) => void): (payload: T) => void {
    return (payload) => {
      try {
        handler(payload);
      } catch (error) {
        this.services.logger.error({ err: error }, 'operator notification failed');
      }
    };
  }

  start(): void {
    const { events } = this.services;
    this.unsubscribers.push(
      events.on('link.open', this.guarded(({ sessionName, phone }) => this.linkOpened(sessionName, phone))),
      events.on('link.close', this.guarded(({ sessionName, reason, willReconnect }) => this.linkClosed(sessionName, reason, willReconnect))),
      events.on('link.qr', this.guarded(({ sessionName }) => this.linkNeeded(sessionName))),
      events.on(
        'run.state',
        this.guarded(({ runId, campaignId, from, to, reason }) => {
          if (runId !== null && from !== to && FINISHED_RUN_STATES.includes(to)) this.runFinished(campaignId, reason);
        }),
      ),
      events.on('optout.added', this.guarded(({ phone }) => this.optedOut(phone))),
      events.on(
        'schedule.fired',
        this.guarded(({ scheduleId, campaignId, runId }) =>
          this.deliver({
            kind: 'schedule-fired',
            text: `${this.dry}Schedule ${scheduleId} started campaign ${campaignId} (run ${runId}).`,
            progressCampaignId: campaignId,
          }),
        ),
      ),
      events.on('notice', this.guarded(({ text, buttons }) => this.deliver({ kind: 'notice', text, ...(buttons?.length ? { buttons } : {}) }))),
    );
  }

  private linkOpened(sessionName: string, phone: string | null): void {
    const memory = this.link(sessionName);
    memory.downTimer?.cancel();
    memory.downTimer = undefined;
    const news = !memory.everOpen || memory.downAnnounced || memory.needAnnounced;
    memory.everOpen = true;
    memory.downAnnounced = false;
    memory.needAnnounced = false;
    if (news) this.deliver({ kind: 'link-up', sessionName, text: `${this.dry}WhatsApp ${sessionName} is linked${phone ? ` as ${phone}` : ''}.` });
  }

  private linkClosed(sessionName: string, reason: string, willReconnect: boolean): void {
    const memory = this.link(sessionName);
    if (!willReconnect) {
      memory.downTimer?.cancel();
      memory.downTimer = undefined;
      memory.downAnnounced = true;
      this.deliver({
        kind: 'link-down',
        sessionName,
        text: `${this.dry}WhatsApp ${sessionName} link closed: ${reason}. Its campaigns wait until it is linked again.`,
        buttons: [{ label: 'Show QR', command: `/qr ${sessionName}` }],
      });
      return;
    }
    if (memory.downTimer || memory.downAnnounced) return;
    memory.downTimer = this.services.clock.setTimer(this.timing.linkDownGraceMs, () => {
      memory.downTimer = undefined;
      memory.downAnnounced = true;
      const minutes = Math.round(this.timing.linkDownGraceMs / 60_000);
      this.deliver({
        kind: 'link-down',
        sessionName,
        text: `${this.dry}WhatsApp ${sessionName} has been disconnected for over ${minutes > 1 ? `${minutes} minutes` : 'a minute'} (${reason}); reconnecting. Its campaigns wait meanwhile.`,
      });
    });
  }

  private linkNeeded(sessionName: string): void {
    const memory = this.link(sessionName);
    if (memory.needAnnounced) return;
    memory.needAnnounced = true;
    this.deliver({
      kind: 'link-needed',
      sessionName,
      text: `${this.dry}WhatsApp ${sessionName} is not linked: scan its QR code with the phone (WhatsApp > Linked devices).`,
      buttons: [{ label: 'Show QR', command: `/qr ${sessionName}` }],
    });
  }

  private runFinished(campaignId: number, reason: string | null): void {
    const snapshot = this.services.status.snapshot(campaignId);
    const c = snapshot.counts;
    const figures = `${snapshot.sent} of ${snapshot.total} sent, ${c.delivered + c.read} delivered, ${c.read} read, ${c.failed} failed, ${c.skipped} skipped, ${c.unknown} unknown`;
    this.deliver({
      kind: 'run-finished',
      text: `${this.dry}Campaign ${campaignId} ${describeState(snapshot.state)}: ${figures}.${reason ? ` (${reason})` : ''}`,
      buttons: [{ label: 'Report', command: `/report ${campaignId}` }],
    });
  }

  private optedOut(phone: string): void {
    this.optOuts.push(phone);
    this.optOutTimer ??= this.services.clock.setTimer(this.timing.optOutBatchMs, () => this.flushOptOuts());
  }

  private flushOptOuts(): void {
    this.optOutTimer?.cancel();
    this.optOutTimer = undefined;
    const phones = this.optOuts.splice(0);
    if (phones.length === 0) return;
    const listed = phones.slice(0, LISTED_OPT_OUTS).join(', ');
    const more = phones.length > LISTED_OPT_OUTS ? ` and ${phones.length - LISTED_OPT_OUTS} more` : '';
    this.deliver({
      kind: 'opt-outs',
      text: `${this.dry}${phones.length} number(s) opted out and will not be messaged again: ${listed}${more}.`,
    });
  }

  /** Stops listening; opt-outs still waiting for their batch are delivered now rather than lost. */
  stop(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    for (const memory of this.links.values()) memory.downTimer?.cancel();
    this.flushOptOuts();
  }
}
