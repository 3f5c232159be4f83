import type { Logger } from 'pino';
import type { CampaignService } from '../campaigns/campaign-service.js';
import type { AppEventBus } from '../core/events.js';
import type { Repositories } from '../db/repositories.js';
import type { ClaimedMessage } from '../queue/message-queue.js';
import type { SendObserver } from '../dispatch/send-loop.js';
import type { WhatsAppTransport } from '../whatsapp/transport.js';
import { Breaker, type BreakerPolicy, type TripKind } from './breaker.js';
import { InboundHandler } from './inbound-handler.js';

export const BREAKER_REASON_PREFIX = 'breaker: ';

/**
 * Everything that keeps one WhatsApp number alive: the breaker fed by sends,
 * receipts and WhatsApp's warnings, and the inbound handler for replies and
 * opt-outs. A trip pauses the number's campaigns and asks the operators.
 */
export class SessionGuard implements SendObserver {
  readonly breaker: Breaker;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    readonly sessionName: string,
    private readonly deps: {
      transport: WhatsAppTransport;
      repos: Repositories;
      campaigns: CampaignService;
      events: AppEventBus;
      logger: Logger;
      inbound: InboundHandler;
      breakerPolicy: BreakerPolicy;
      onTrip?: (sessionName: string, kind: TripKind) => void;
    },
  ) {
    this.breaker = new Breaker(deps.breakerPolicy, (reason, kind) => this.tripped(reason, kind));
    const { events } = deps.transport;
    this.unsubscribe.push(
      events.on('receipt', ({ waMessageId, status, errorCode }) => this.breaker.recordReceipt(waMessageId, status, errorCode)),
      events.on('capping', ({ detail }) => this.breaker.recordCapping(detail)),
      // An operator resuming a campaign the breaker held has answered it, whichever
      // button or command they used: watch afresh, so the next warning trips again.
      deps.events.on('run.state', ({ campaignId, from, to }) => {
        if (from !== 'paused' || to !== 'running' || this.breaker.state !== 'tripped') return;
        if (deps.repos.campaigns.get(campaignId)?.sessionName === sessionName) this.breaker.reset();
      }),
      events.on('inbound', (message) => {
        deps.inbound.handle(message).catch((error: unknown) => deps.logger.error({ err: error, session: sessionName }, 'inbound message not handled'));
      }),
    );
  }

  sent(message: ClaimedMessage, at: number): void {
    this.breaker.recordSent(message.waMessageId, at);
  }

  failed(_message: ClaimedMessage, error: unknown): void {
    const code = error && typeof error === 'object' && 'code' in error ? String((error as { code: unknown }).code) : undefined;
    this.breaker.recordFailure(error instanceof Error ? error.message : String(error), code);
  }

  private tripped(reason: string, kind: TripKind): void {
    const { repos, campaigns, events, logger } = this.deps;
    this.deps.onTrip?.(this.sessionName, kind);
    const paused: number[] = [];
    for (const campaign of repos.campaigns.inStates(['running', 'waiting_for_login'], this.sessionName)) {
      try {
        campaigns.pause(campaign.id, `${BREAKER_REASON_PREFIX}${reason}`);
        paused.push(campaign.id);
      } catch (error) {
        logger.error({ err: error, campaignId: campaign.id }, 'breaker could not pause a campaign');
      }
    }
    logger.warn({ session: this.sessionName, reason, paused }, 'breaker tripped');
    const name = this.sessionName;
    events.emit('notice', {
      text: `Safety breaker on WhatsApp ${name}: ${reason}. Sending is paused${paused.length ? ` (campaigns ${paused.join(', ')})` : ''}. Resume, slow down (doubles the delays) or stop?`,
      buttons: [
        { label: 'Resume', command: `/breaker resume ${name}`, style: 'primary' },
        { label: 'Slow down', command: `/breaker slow-down ${name}` },
        { label: 'Stop', command: `/breaker stop ${name}`, style: 'danger' },
      ],
    });
  }

  stop(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }
}
