import { proto, type WAMessage, type WAMessageKey } from 'baileys';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.js';
import type { SentContentStore } from '../sent-content-store.js';

/**
 * The messages this session sent, as Baileys built them (a picture's message
 * holds its media reference: url, direct path, keys and hashes), so a
 * recipient's retry request is answered with the same message once Baileys'
 * own 5-minute cache has forgotten it. Baileys asks through getMessage.
 */
export class SentMessages {
  constructor(
    private readonly store: SentContentStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Keeps what went out; a failure is only logged, the message is sent either way. */
  remember(sent: WAMessage | undefined): void {
    const id = sent?.key.id;
    if (!id || !sent.message) return;
    try {
      this.store.save(id, proto.Message.encode(sent.message).finish(), this.clock.now());
    } catch (error) {
      this.logger.warn({ err: error, waMessageId: id }, 'a sent message could not be kept for retry requests');
    }
  }

  /** For getMessage: the message sent under this key's id; undefined when it was not kept (Baileys then resends nothing). */
  readonly recall = async (key: WAMessageKey): Promise<proto.IMessage | undefined> => {
    if (!key.id) return undefined;
    try {
      const content = this.store.load(key.id);
      return content === undefined ? undefined : proto.Message.decode(content);
    } catch (error) {
      this.logger.warn({ err: error, waMessageId: key.id }, 'a sent message could not be looked up for a retry request');
      return undefined;
    }
  };
}
