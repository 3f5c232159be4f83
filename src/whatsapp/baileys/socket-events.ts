import type { WAMessage } from 'baileys';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.js';
import type { TypedEmitter } from '../../core/typed-emitter.js';
import type { TransportEvents } from '../transport.js';
import { cappingFromCapInfo } from './capping.js';
import { inboundKind, replyText, senderPhone, type SeenIds } from './inbound.js';
import { receiptFromOwnMessage, receiptsFromUpdates, timestampMs } from './receipts.js';
import type { BaileysSocket } from './socket-port.js';

export interface TrafficDeps {
  events: TypedEmitter<TransportEvents>;
  clock: Clock;
  logger: Logger;
  /** Shared by every socket of the transport, so a message delivered again after a reconnect is still seen once. */
  seen: SeenIds;
  /** False once this socket has been replaced or the transport closed. */
  live(): boolean;
}

/**
 * Receipts, replies and capping updates of one socket, as transport events.
 * Baileys drops a socket's listeners when it closes, so each new socket is
 * wired again.
 */
export function attachTraffic(socket: BaileysSocket, deps: TrafficDeps): void {
  const { events, clock, logger, live } = deps;

  socket.ev.on('messages.update', (updates) => {
    if (!live()) return;
    for (const receipt of receiptsFromUpdates(updates, clock.now())) events.emit('receipt', receipt);
  });

  socket.ev.on('messages.upsert', ({ messages, type }) => {
    if (!live() || (type !== 'notify' && type !== 'append')) return;
    for (const message of messages) {
      if (message.key.fromMe) {
        const absorbed = receiptFromOwnMessage(message, clock.now());
        if (absorbed) events.emit('receipt', absorbed);
        continue;
      }
      void emitReply(socket, message, deps).catch((error: unknown) =>
        logger.warn({ err: error, waMessageId: message.key.id }, 'an incoming WhatsApp message could not be read'),
      );
    }
  });

  socket.ev.on('message-capping.update', (info) => {
    if (!live()) return;
    const capping = cappingFromCapInfo(info);
    if (capping) events.emit('capping', capping);
  });
}

async function emitReply(socket: BaileysSocket, message: WAMessage, deps: TrafficDeps): Promise<void> {
  const id = message.key.id;
  if (!id) return;
  const text = replyText(message.message);
  if (text === undefined) return;
  const lidMapping = socket.signalRepository.lidMapping;
  const phone = await senderPhone(message.key, (lid) => lidMapping.getPNForLID(lid));
  if (phone === undefined) {
    if (message.key.remoteJid?.endsWith('@lid')) deps.logger.warn({ chat: message.key.remoteJid, waMessageId: id }, 'a reply came from a chat whose phone number is not known yet');
    return;
  }
  // Marked only once it is certain to be emitted, so a copy that resolves later is not lost to a failed first try.
  if (!deps.seen.first(id) || !deps.live()) return;
  deps.events.emit('inbound', { phone, text, waMessageId: id, at: timestampMs(message.messageTimestamp) ?? deps.clock.now(), kind: inboundKind(message.message) });
}
