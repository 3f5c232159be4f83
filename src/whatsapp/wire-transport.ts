import type { Logger } from 'pino';
import type { Clock } from '../core/clock.js';
import type { AppEventBus } from '../core/events.js';
import type { Repositories } from '../db/repositories.js';
import type { MessageQueue } from '../queue/message-queue.js';
import { ReceiptBatcher } from '../queue/receipt-batcher.js';
import type { WhatsAppTransport } from './transport.js';

/** Receipts are written in group commits: those that arrived within this window share one. */
export const RECEIPT_WINDOW_MS = 20;

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
  const receipts = new ReceiptBatcher(queue, clock, {
    windowMs: RECEIPT_WINDOW_MS,
    busyRetryMs: RECEIPT_WINDOW_MS,
    onApplied(outcomes) {
      // One progress event per run of the batch: a batch holds many receipts of the same run.
      const runIds = new Set(outcomes.map((outcome) => outcome.runId).filter((runId): runId is number => runId !== null));
      for (const runId of runIds) {
        const run = repos.runs.get(runId);
        if (run) events.emit('run.progress', { runId: run.id, campaignId: run.campaignId });
      }
    },
    onError(error, lost) {
      // Not a busy database (that is retried): the database is closing or broken. A lost receipt only delays a count.
      logger.warn({ err: error, receipts: lost.length }, 'receipts not recorded');
    },
  });
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
    transport.events.on('receipt', ({ waMessageId, status, at, errorCode }) =>
      receipts.add({ waMessageId, status, at, ...(errorCode ? { error: `WhatsApp error ${errorCode}` } : {}) }),
    ),
  ];
  return () => {
    off.forEach((unsubscribe) => unsubscribe());
    // Before the database closes: the receipts of the last window are written, not lost.
    receipts.close();
  };
}
