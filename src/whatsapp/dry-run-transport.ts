import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Clock, TimerHandle } from '../core/clock.js';
import { NotConnectedError, TransientSendError, ZapcastError } from '../core/errors.js';
import type { Random } from '../core/random.js';
import { TypedEmitter } from '../core/typed-emitter.js';
import { DueQueue } from './due-queue.js';
import { jidToPhone, phoneToJid, type CloseInfo, type ExistenceAnswer, type LinkState, type MediaContent, type RetryInfo, type SendOptions, type SendResult, type TransportEvents, type WhatsAppTransport } from './transport.js';

export interface DryRunOptions {
  sessionName: string;
  clock: Clock;
  random: Random;
  /** One JSON line per send is appended here before the send reports success. */
  logPath?: string | undefined;
  failRate: number;
  latencyMs: number;
  /** 0 = linked at once; otherwise show QR codes and link after this long. */
  pairAfterMs: number;
  qrRotateMs?: number;
  deliveredAfterMs?: number;
  readAfterMs?: number;
  phone?: string;
  /** The share of recipients (0..1) who answer once, a moment after reading their first message. */
  replyRate?: number;
  /** What they answer, one picked at random (may include an opt-out word). */
  replyTexts?: readonly string[];
  /** How long after the read receipt the answer comes. */
  replyAfterMs?: number;
}

/**
 * Simulated WhatsApp: sends succeed after a latency (or fail transiently at the
 * configured rate), are logged as JSON lines, and get delivered and read receipts
 * a moment later; a configured share of recipients answers once after reading.
 * Nothing leaves the machine.
 */
export class DryRunTransport implements WhatsAppTransport {
  readonly kind = 'dry-run' as const;
  readonly events = new TypedEmitter<TransportEvents>();
  private current: LinkState = 'idle';
  private readonly timers = new Set<TimerHandle>();
  // Every send gets a delivered and a read receipt after fixed delays: two queues in due order, a timer each.
  private readonly delivered: DueQueue<string>;
  private readonly read: DueQueue<{ waMessageId: string; jid: string }>;
  private retrying: RetryInfo | null = null;
  private closed: (CloseInfo & { at: number }) | null = null;
  private linked = false;
  /** Recipients already judged: each answers at most once, so answering an answer never goes on and on. */
  private readonly judged = new Set<string>();

  constructor(private readonly options: DryRunOptions) {
    this.delivered = new DueQueue(options.clock, (waMessageId) =>
      this.events.emit('receipt', { waMessageId, status: 'delivered', at: this.options.clock.now() }),
    );
    this.read = new DueQueue(options.clock, ({ waMessageId, jid }) => {
      this.events.emit('receipt', { waMessageId, status: 'read', at: this.options.clock.now() });
      this.maybeAnswer(jid);
    });
    if (options.logPath) mkdirSync(dirname(options.logPath), { recursive: true });
  }

  get sessionName(): string {
    return this.options.sessionName;
  }

  get state(): LinkState {
    return this.current;
  }

  get retry(): RetryInfo | null {
    return this.retrying;
  }

  get lastClose(): (CloseInfo & { at: number }) | null {
    return this.closed;
  }

  get isRegistered(): boolean {
    return this.linked;
  }

  private announceClose(info: CloseInfo): void {
    this.closed = { ...info, at: this.options.clock.now() };
    this.events.emit('close', info);
  }

  private setState(state: LinkState): void {
    this.current = state;
    this.events.emit('state', { state });
  }

  private later(ms: number, callback: () => void): void {
    const handle = this.options.clock.setTimer(ms, () => {
      this.timers.delete(handle);
      callback();
    });
    this.timers.add(handle);
  }

  async connect(): Promise<void> {
    if (this.current === 'open' || this.current === 'qr' || this.current === 'connecting') return;
    this.setState('connecting');
    if (this.options.pairAfterMs <= 0) return this.link();
    const pairAt = this.options.clock.now() + this.options.pairAfterMs;
    this.showQr(pairAt);
    this.later(this.options.pairAfterMs, () => this.link());
  }

  private showQr(pairAt: number): void {
    if (this.current === 'open' || this.current === 'stopped') return;
    this.setState('qr');
    this.events.emit('qr', { code: `dry-run:${randomBytes(24).toString('base64url')}` });
    const rotate = this.options.qrRotateMs ?? 20_000;
    if (this.options.clock.now() + rotate < pairAt) this.later(rotate, () => this.showQr(pairAt));
  }

  private link(): void {
    if (this.current === 'stopped') return;
    this.linked = true;
    this.retrying = null;
    this.setState('open');
    this.events.emit('open', { phone: this.options.phone ?? '+10000000000' });
  }

  /** Test and demo hook: drop the link as WhatsApp would, then come back after `backAfterMs`. */
  simulateDrop(reason: string, backAfterMs?: number): void {
    const willReconnect = backAfterMs !== undefined;
    if (willReconnect) this.retrying = { attempt: (this.retrying?.attempt ?? 0) + 1, delayMs: backAfterMs, at: this.options.clock.now() + backAfterMs };
    this.setState('reconnecting');
    this.announceClose({ reason, kind: 'connection_lost', willReconnect, ...(willReconnect ? { retryInMs: backAfterMs } : {}) });
    if (willReconnect) this.later(backAfterMs, () => this.link());
  }

  /** A simulated code; the simulated phone links on the same schedule as a QR scan. */
  async requestPairingCode(phone: string): Promise<string> {
    if (!/^\+?\d{8,15}$/.test(phone.replace(/[\s()-]/g, ''))) {
      throw new ZapcastError(`${phone} is not a phone number in international format (such as +5511912345678).`);
    }
    if (this.current === 'open') throw new ZapcastError(`WhatsApp number ${this.sessionName} (dry run) is already linked.`);
    await this.connect();
    return randomBytes(5).toString('hex').slice(0, 8).toUpperCase();
  }

  async sendText(jid: string, text: string, options: SendOptions): Promise<SendResult> {
    return this.simulateSend(jid, text, options);
  }

  async sendMedia(jid: string, media: MediaContent, options: SendOptions): Promise<SendResult> {
    return this.simulateSend(jid, media.caption, options, { kind: media.kind, fileName: media.fileName });
  }

  private async simulateSend(jid: string, text: string, options: SendOptions, media?: { kind: string; fileName: string }): Promise<SendResult> {
    if (this.current !== 'open') throw new NotConnectedError('WhatsApp (dry run) is not linked.');
    if (this.options.latencyMs > 0) await this.options.clock.sleep(this.options.latencyMs);
    if (this.current !== 'open') throw new NotConnectedError('WhatsApp (dry run) dropped the link during the send.');
    if (this.options.failRate > 0 && this.options.random() < this.options.failRate) {
      throw new TransientSendError('simulated transient failure (DRY_RUN_FAIL_RATE)', 'dry-run');
    }
    const at = this.options.clock.now();
    if (this.options.logPath) {
      const line = { messageId: options.messageId, jid, text, at: new Date(at).toISOString(), ...(media ? { media } : {}) };
      appendFileSync(this.options.logPath, `${JSON.stringify(line)}\n`);
    }
    this.delivered.add(at + (this.options.deliveredAfterMs ?? 1_000), options.messageId);
    this.read.add(at + (this.options.readAfterMs ?? 5_000), { waMessageId: options.messageId, jid });
    return { waMessageId: options.messageId, at };
  }

  /** A simulated recipient answering (DRY_RUN_REPLY_RATE, DRY_RUN_REPLY_TEXTS), as an inbound message. */
  private maybeAnswer(jid: string): void {
    const { replyRate = 0, replyTexts = [], random } = this.options;
    if (replyRate <= 0 || replyTexts.length === 0 || this.judged.has(jid)) return;
    this.judged.add(jid);
    if (random() >= replyRate) return;
    const text = replyTexts[Math.min(replyTexts.length - 1, Math.floor(random() * replyTexts.length))]!;
    this.later(this.options.replyAfterMs ?? 3_000, () => {
      if (this.current !== 'open') return;
      this.events.emit('inbound', { phone: jidToPhone(jid), text, waMessageId: `DRYIN${randomBytes(8).toString('hex').toUpperCase()}`, at: this.options.clock.now() });
    });
  }

  async exists(phones: string[]): Promise<Map<string, ExistenceAnswer>> {
    return new Map(phones.map((phone) => [phone, { registered: true, jid: phoneToJid(phone) }]));
  }

  async typing(_jid: string, ms: number): Promise<void> {
    if (ms > 0) await this.options.clock.sleep(ms);
  }

  async logout(): Promise<void> {
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
    this.delivered.clear();
    this.read.clear();
    this.linked = false;
    this.retrying = null;
    this.setState('logged_out');
    this.announceClose({ reason: 'logged out by an operator', kind: 'logged_out', willReconnect: false });
  }

  async close(): Promise<void> {
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
    this.delivered.clear();
    this.read.clear();
    this.setState('stopped');
  }
}
