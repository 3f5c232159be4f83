import type { AnyMessageContent } from 'baileys';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.js';
import type { ExistenceAnswer, SendResult } from '../transport.js';
import { checkExistence } from './existence-check.js';
import { toSendError } from './send-errors.js';
import type { BaileysSocket } from './socket-port.js';

/** Whether `socket` is still the transport's open socket (failures after it went away mean "not connected"). */
export type StillOpen = (socket: BaileysSocket) => boolean;

/** Sends with the id generated and stored before the send, so receipts match it. */
export async function sendContent(socket: BaileysSocket, jid: string, content: AnyMessageContent, messageId: string, clock: Clock, stillOpen: StillOpen): Promise<SendResult> {
  try {
    const sent = await socket.sendMessage(jid, content, { messageId });
    return { waMessageId: sent?.key.id ?? messageId, at: clock.now() };
  } catch (error) {
    throw toSendError(error, stillOpen(socket));
  }
}

export async function lookUpNumbers(socket: BaileysSocket, phones: string[], stillOpen: StillOpen): Promise<Map<string, ExistenceAnswer>> {
  try {
    return await checkExistence(socket, phones);
  } catch (error) {
    throw toSendError(error, stillOpen(socket));
  }
}

/**
 * "typing…" in the recipient's chat for `ms` on the Clock, then cleared. It is
 * decoration: a presence update that fails is logged, and the wait still
 * happens so pacing stays the same.
 */
export async function showTyping(socket: BaileysSocket, jid: string, ms: number, clock: Clock, logger: Logger, stillOpen: StillOpen): Promise<void> {
  try {
    await socket.presenceSubscribe(jid);
    await socket.sendPresenceUpdate('composing', jid);
  } catch (error) {
    logger.debug({ err: error }, 'typing indicator not shown');
  }
  if (ms > 0) await clock.sleep(ms);
  if (!stillOpen(socket)) return;
  await socket.sendPresenceUpdate('paused', jid).catch((error: unknown) => logger.debug({ err: error }, 'typing indicator not cleared'));
}
