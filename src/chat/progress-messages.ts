import type { Logger } from 'pino';
import type { AppServices } from '../app-services.js';
import type { Clock } from '../core/clock.js';
import type { ChatSurface } from './chat-surface.js';
import { progressButtons, renderProgress } from './progress-view.js';
import { ThrottledMessage, type MessageContent } from './throttled-message.js';

interface LiveProgress {
  chatId: string;
  campaignId: number;
  runId: number | null;
  message: ThrottledMessage;
}

/** Finished runs' messages kept per chat, so late receipts still reach them; the oldest beyond this stop updating. */
const KEPT_PER_CHAT = 20;
const HOUR_MS = 3_600_000;

export interface EditPace {
  /** Least time between two edits of one progress message. */
  intervalMs: number;
  /** The same for a run that started over an hour ago: nobody watches those second by second. */
  agedIntervalMs?: number;
}

/**
 * The live progress messages: per chat, one message per run of a campaign,
 * edited as the run moves (at most once per interval, never when nothing
 * changed). Asking again (/status 7) moves that message to the bottom of the
 * chat: a new one is sent and the old one deleted, so there is still one. A
 * button pressed on the message itself (Pause, Resume, Stop) edits it in
 * place. A message someone deleted is sent anew the next time it is asked for.
 */
export class ProgressMessages {
  private readonly live = new Map<string, LiveProgress>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly deps: {
      services: AppServices;
      surface: ChatSurface;
      clock: Clock;
      pace: EditPace;
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
  isProgressMessage(chatId: string, messageId: string): boolean {
    for (const entry of this.live.values()) if (entry.chatId === chatId && entry.message.messageId === messageId) return true;
    return false;
  }

  /** The message showing a campaign's progress in a chat, if one is live. */
  messageOf(chatId: string, campaignId: number): string | undefined {
    const entry = this.live.get(`${chatId}/${campaignId}`);
    return entry && !entry.message.gone ? entry.message.messageId : undefined;
  }

  /** Shows a campaign's progress in a chat; `pressedMessageId` is the message whose button asked for it. */
  show(chatId: string, campaignId: number, pressedMessageId?: string): Promise<void> {
    const key = `${chatId}/${campaignId}`;
    const next = (this.chains.get(key) ?? Promise.resolve()).then(() => this.showNow(key, chatId, campaignId, pressedMessageId));
    const settled = next.catch(() => undefined);
    this.chains.set(key, settled);
    void settled.then(() => {
      if (this.chains.get(key) === settled) this.chains.delete(key);
    });
    return next;
  }

  private async showNow(key: string, chatId: string, campaignId: number, pressedMessageId: string | undefined): Promise<void> {
    const { surface } = this.deps;
    const runId = this.deps.services.status.snapshot(campaignId).runId;
    const existing = this.live.get(key);
    if (existing && existing.runId === runId && !existing.message.gone && existing.message.messageId === pressedMessageId) {
      existing.message.touch();
      return;
    }
    const content = this.content(campaignId);
    const messageId = await surface.sendText(chatId, content.text, content.buttons);
    if (existing) {
      existing.message.close();
      this.live.delete(key);
      // A previous run's message keeps its final figures; the same run's (or a draft's) is replaced.
      if (existing.message.gone) {
        // Someone deleted it: nothing to tidy.
      } else if (existing.runId === runId || existing.runId === null) await surface.deleteMessage(chatId, existing.message.messageId);
      else await surface.removeButtons(chatId, existing.message.messageId);
    }
    this.live.set(key, { chatId, campaignId, runId, message: this.follow(chatId, campaignId, runId, messageId, content) });
    this.forgetOldest(chatId);
  }

  private follow(chatId: string, campaignId: number, runId: number | null, messageId: string, shown: MessageContent): ThrottledMessage {
    const { surface, clock, pace, logger, services } = this.deps;
    const startedAt = runId === null ? undefined : services.repos.runs.get(runId)?.startedAt;
    return new ThrottledMessage({
      messageId,
      shown,
      render: () => this.content(campaignId),
      edit: (id, content) => surface.editText(chatId, id, content.text, content.buttons),
      clock,
      intervalMs: () => (pace.agedIntervalMs !== undefined && startedAt !== undefined && clock.now() - startedAt > HOUR_MS ? pace.agedIntervalMs : pace.intervalMs),
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
