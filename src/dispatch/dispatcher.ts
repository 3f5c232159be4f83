import { NotConnectedError, ZapcastError } from '../core/errors.js';
import type { MessageQueue } from '../queue/message-queue.js';
import { phoneToJid, type WhatsAppTransport } from '../whatsapp/transport.js';
import type { DailyCap } from './daily-cap.js';
import type { SendLoop } from './send-loop.js';
import type { SessionGuard } from '../safety/session-guard.js';
import type { ReplyLane } from '../inbox/reply-lane.js';

export interface SessionSender {
  transport: WhatsAppTransport;
  loop: SendLoop;
  dailyCap: DailyCap;
  guard?: SessionGuard;
  /** Operators' answers to people who wrote in (the inbox). */
  replies?: ReplyLane;
}

/** The send loops of every WhatsApp number, by session name. */
export class Dispatcher {
  private readonly sessions = new Map<string, SessionSender>();

  constructor(private readonly queue: MessageQueue) {}

  add(sender: SessionSender): void {
    this.sessions.set(sender.transport.sessionName, sender);
  }

  start(): void {
    for (const { loop } of this.sessions.values()) loop.start();
  }

  session(name: string): SessionSender | undefined {
    return this.sessions.get(name);
  }

  sessionNames(): string[] {
    return [...this.sessions.keys()];
  }

  /** The number a new campaign is bound to when the operator names none. */
  defaultSessionName(): string {
    const first = this.sessions.keys().next();
    if (first.done) throw new ZapcastError('No WhatsApp number is configured.');
    return first.value;
  }

  /** The named number, or the default one; a clear error for a name that does not exist. */
  resolve(sessionName: string | undefined): SessionSender {
    const name = sessionName ?? this.defaultSessionName();
    const sender = this.sessions.get(name);
    if (!sender) throw new ZapcastError(`There is no WhatsApp number called ${name}. Numbers: ${this.sessionNames().join(', ')}.`);
    return sender;
  }

  wake(sessionName: string): void {
    this.sessions.get(sessionName)?.loop.wake();
  }

  /** One message outside any campaign (/test): recorded like any other, not paced. */
  async sendDirect(sessionName: string, phone: string, text: string, now: () => number): Promise<string> {
    const sender = this.sessions.get(sessionName);
    if (!sender) throw new ZapcastError(`There is no WhatsApp number called ${sessionName}.`);
    if (sender.transport.state !== 'open') {
      throw new NotConnectedError(`WhatsApp number ${sessionName} is not linked (${sender.transport.state}); send /qr to link it.`);
    }
    const claimed = this.queue.createDirect(phone, text, now());
    try {
      await sender.transport.sendText(phoneToJid(phone), text, { messageId: claimed.waMessageId });
    } catch (error) {
      this.queue.failPermanent(claimed.id, error instanceof Error ? error.message : String(error));
      throw error;
    }
    const at = now();
    this.queue.ackSent(claimed.id, at, sender.dailyCap.key(at));
    return claimed.waMessageId;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.sessions.values()].map(({ loop }) => loop.stop()));
    await Promise.all([...this.sessions.values()].map(({ transport }) => transport.close()));
  }
}
