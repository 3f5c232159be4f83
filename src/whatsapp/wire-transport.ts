import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import type { AppEventBus } from '../core/events.js';
import type { Repositories } from '../db/repositories.js';
import type { MessageQueue } from '../queue/message-queue.js';
import type { WhatsAppTransport } from './transport.js';

/** Turns a transport's events into receipts on the queue and link events for the front-ends. */
export function wireTransport(deps: {
  transport: WhatsAppTransport;
  repos: Repositories;
  queue: MessageQueue;
  events: AppEventBus;
  clock: Clock;
  logger: Logger;
}): () => void {
  const { transport, repos, queue, events, clock, logger } = deps;
  const sessionName = transport.sessionName;
  const off = [
    transport.events.on('state', ({ state }) => {
      repos.waSessions.setLinkState(sessionName, state, null, clock.now());
      events.emit('link.state', { sessionName, state });
    }),
    transport.events.on('qr', ({ code }) => events.emit('link.qr', { sessionName, code })),
    transport.events.on('open', ({ phone }) => {
      repos.waSessions.setLinkState(sessionName, 'open', phone, clock.now());
      events.emit('link.open', { sessionName, phone });
    }),
    transport.events.on('close', ({ reason, willReconnect, kind, retryInMs, operatorAction }) => {
      events.emit('link.close', { sessionName, reason, willReconnect, kind, ...(retryInMs === undefined ? {} : { retryInMs }) });
      // The link goes on retrying, so the usual "link down" notice would not say that someone has to act.
      if (operatorAction) events.emit('notice', { text: `WhatsApp ${sessionName}: ${reason}. ${operatorAction}.` });
    }),
    transport.events.on('receipt', ({ waMessageId, status, at, errorCode }) => {
      try {
        const outcome = queue.applyReceipt(waMessageId, status, at, errorCode ? `WhatsApp error ${errorCode}` : undefined);
        if (outcome?.runId) {
          const run = repos.runs.get(outcome.runId);
          if (run) events.emit('run.progress', { runId: run.id, campaignId: run.campaignId });
        }
      } catch (error) {
        // The database may be closing during shutdown; a lost receipt only delays a count.
        logger.warn({ err: error, waMessageId }, 'receipt not recorded');
      }
    }),
  ];
  return () => off.forEach((unsubscribe) => unsubscribe());
}
