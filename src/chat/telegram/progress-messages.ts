import type { Logger } from 'pino';
import type { AppServices } from '../../app-services.js';
import type { Clock } from '../../core/clock.js';
import { progressButtons, renderProgress } from '../progress-view.js';
import type { BotApi } from './bot-api.js';
import type { InlineButtons } from './inline-buttons.js';
import { ThrottledMessage, type MessageContent } from './throttled-message.js';

interface LiveProgress {
  chatId: string;
  campaignId: number;
  runId: number | null;
  message: ThrottledMessage;
}

/** Finished runs' messages kept per chat, so late receipts still reach them; the oldest beyond this stop updating. */
const KEPT_PER_CHAT = 20;

/**
 * The live progress messages: per chat, one message per run of a campaign,
 * edited as the run moves (at most once per interval, never when nothing
 * changed). Asking again (/status 7) moves that message to the bottom of the
 * chat: a new one is sent and the old one deleted, so there is still one. A
 * button pressed on the message itself (Pause, Resume, Stop) edits it in place.
 */
export class ProgressMessages {
  private readonly live = new Map<string, LiveProgress>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly deps: {
      services: AppServices;
      api: BotApi;
      buttons: InlineButtons;
      clock: Clock;
      intervalMs: number;
      logger: Logger;
    },
  ) {}

  start(): void {
    const { events } = this.deps.services;
    const refresh = ({ campaignId }: { campaignId: number }) => {
      for (const entry of this.live.values()) if (entry.campaignId === campaignId) entry.message.touch();
    };
    this.unsubscribers.push(events.on('run.progress', refresh), events.on('run.state', refresh));
  }

  private content(campaignId: number): MessageContent {
    const { status, clock, config } = this.deps.services;
    const snapshot = status.snapshot(campaignId);
    return { text: renderProgress(snapshot, clock.now(), config.timeZone), buttons: progressButtons(snapshot) };
  }

  /** Whether this message is a live progress view (its buttons follow the run's state). */
  isProgressMessage(chatId: string, messageId: number): boolean {
    for (const entry of this.live.values()) if (entry.chatId === chatId && entry.message.messageId === messageId) return true;
    return false;
  }

  /** Shows a campaign's progress in a chat; `pressedMessageId` is the message whose button asked for it. */
  show(chatId: string, campaignId: number, pressedMessageId?: number): Promise<void> {
    const key = `${chatId}/${campaignId}`;
    const next = (this.chains.get(key) ?? Promise.resolve()).then(() => this.showNow(key, chatId, campaignId, pressedMessageId));
    const settled = next.catch(() => undefined);
    this.chains.set(key, settled);
    void settled.then(() => {
      if (this.chains.get(key) === settled) this.chains.delete(key);
    });
    return next;
  }

  private async showNow(key: string, chatId: string, campaignId: number, pressedMessageId: number | undefined): Promise<void> {
    const runId = this.deps.services.status.snapshot(campaignId).runId;
    const existing = this.live.get(key);
    if (existing && existing.runId === runId && !existing.message.gone && existing.message.messageId === pressedMessageId) {
      existing.message.touch();
      return;
    }
    const content = this.content(campaignId);
    const messageId = await this.deps.api.sendText(chatId, content.text, this.deps.buttons.keyboard(content.buttons));
    if (existing) {
      existing.message.close();
      this.live.delete(key);
      // A previous run's message keeps its final figures; the same run's (or a draft's) is replaced.
      if (existing.runId === runId || existing.runId === null) await this.deps.api.deleteMessage(chatId, existing.message.messageId);
      else await this.deps.api.removeButtons(chatId, existing.message.messageId);
    }
    this.live.set(key, { chatId, campaignId, runId, message: this.follow(chatId, campaignId, messageId, content) });
    this.forgetOldest(chatId);
  }

  private follow(chatId: string, campaignId: number, messageId: number, shown: MessageContent): ThrottledMessage {
    const { api, buttons, clock, intervalMs, logger } = this.deps;
    return new ThrottledMessage({
      messageId,
      shown,
      render: () => this.content(campaignId),
      edit: (id, content) => api.editText(chatId, id, content.text, buttons.keyboard(content.buttons)),
      clock,
      intervalMs,
      onError: (error) => logger.warn({ err: error, chatId, campaignId }, 'progress message not updated'),
    });
  }

  private forgetOldest(chatId: string): void {
    const ofChat = [...this.live.entries()].filter(([, entry]) => entry.chatId === chatId);
    for (const [key, entry] of ofChat.slice(0, Math.max(0, ofChat.length - KEPT_PER_CHAT))) {
      entry.message.close();
      this.live.delete(key);
    }
  }

  /** Resolves when every due edit has been made (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.chains.values()]);
    await Promise.all([...this.live.values()].map((entry) => entry.message.settled()));
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    await this.settled();
    for (const entry of this.live.values()) entry.message.close();
    this.live.clear();
  }
}
