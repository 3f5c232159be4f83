import type { Logger } from 'pino';
import type { Telegram } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';
import type { Clock } from '../../core/clock.js';
import type { FrontEndState } from '../front-end-status.js';
import { backoffCeiling } from '../../queue/backoff.js';
import { classifyFailure, type ApiFailure } from './telegram-errors.js';

export interface PollingTiming {
  /** The long poll asked of Telegram (getUpdates timeout), in seconds. */
  pollTimeoutS: number;
  /**
   * How long past that a request may go unanswered before the watchdog
   * abandons it and starts over. telegraf's own limit is 500 s, so a
   * connection that died without closing would otherwise stall the bot that long.
   */
  watchdogGraceMs: number;
  /** Waits between attempts after a failure: doubling from baseMs up to maxMs, back to baseMs after a success. */
  retry: { baseMs: number; maxMs: number };
}

export const DEFAULT_POLLING_TIMING: PollingTiming = { pollTimeoutS: 50, watchdogGraceMs: 20_000, retry: { baseMs: 1_000, maxMs: 300_000 } };

/** The updates zapcast handles; everything else is never fetched. */
const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

export interface PollerDeps {
  telegram: Telegram;
  clock: Clock;
  logger: Logger;
  timing: PollingTiming;
  /** How the connection stands, for /healthz. */
  report(state: FrontEndState, detail?: string | null, nextAttemptAt?: number | null): void;
  /** Telegram knows the bot (getMe answered): the first time, and after each reconnection. */
  onConnected(me: UserFromGetMe): Promise<void>;
  /** A batch of updates, in order; resolves once they are handed over (handlers queue their work). */
  onUpdates(updates: Update[]): Promise<void>;
}

class SilentRequestError extends Error {
  override name = 'SilentRequestError';
}

/**
 * The bot's connection to Telegram: getMe, then long polling for updates.
 * Whatever goes wrong stays here: an unreachable API or a 5xx is retried with
 * growing waits, a 429 after its retry_after, a 409 says another process polls
 * with the same token; only a refused token (401) ends the loop, since trying
 * again cannot help. Nothing of this stops the rest of zapcast. A request that
 * gets no answer at all is abandoned by a watchdog and tried again.
 */
export class UpdatePoller {
  private offset = 0;
  private stopping = false;
  private connected = false;
  private readonly stopSignal = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(private readonly deps: PollerDeps) {}

  start(): void {
    this.deps.report('starting', 'connecting to the Telegram Bot API');
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        if (!this.connected) await this.connect();
        const updates = await this.request<Update[]>('getUpdates', { timeout: this.deps.timing.pollTimeoutS, offset: this.offset, allowed_updates: ALLOWED_UPDATES }, this.deps.timing.pollTimeoutS * 1000);
        if (failures > 0) this.deps.logger.info({ failures }, 'Telegram answers again');
        failures = 0;
        this.deps.report('up');
        const last = updates[updates.length - 1];
        if (last === undefined) continue;
        // The next poll's offset confirms these: Telegram forgets them, so they are handled once even across a restart.
        this.offset = last.update_id + 1;
        await this.deps.onUpdates(updates);
      } catch (error) {
        if (this.stopping) return;
        const failure = classifyFailure(error);
        if (failure.kind === 'token refused') return this.tokenRefused(failure);
        failures++;
        await this.waitAfter(failure, failures, error instanceof SilentRequestError);
      }
    }
  }

  private async connect(): Promise<void> {
    const me = await this.request<UserFromGetMe>('getMe', {}, 0);
    // A webhook left by another deployment would make every getUpdates a 409.
    await this.request('deleteWebhook', { drop_pending_updates: false }, 0);
    this.connected = true;
    this.deps.logger.info({ bot: me.username }, 'Telegram bot connected; polling for updates');
    this.deps.report('up');
    await this.deps.onConnected(me).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'setting up the Telegram bot after connecting failed'));
  }

  /** A Bot API call that the watchdog abandons when no answer comes within `expectedMs` plus the grace. */
  private async request<T>(method: string, payload: Record<string, unknown>, expectedMs: number): Promise<T> {
    const attempt = new AbortController();
    const stop = () => attempt.abort();
    this.stopSignal.signal.addEventListener('abort', stop, { once: true });
    let silent = false;
    const waitMs = expectedMs + this.deps.timing.watchdogGraceMs;
    const watchdog = this.deps.clock.setTimer(waitMs, () => {
      silent = true;
      attempt.abort();
    });
    try {
      // telegraf types the signal with its abort-controller shim; node-fetch takes Node's own.
      return (await this.deps.telegram.callApi(method as 'getUpdates', payload as never, { signal: attempt.signal as never })) as T;
    } catch (error) {
      if (silent) throw new SilentRequestError(`${method} got no answer in ${Math.round(waitMs / 1000)} s`);
      throw error;
    } finally {
      watchdog.cancel();
      this.stopSignal.signal.removeEventListener('abort', stop);
    }
  }

  private tokenRefused(failure: ApiFailure): void {
    const detail = `Telegram refused the bot token (${failure.detail}): check TELEGRAM_BOT_TOKEN (from @BotFather) and restart. WhatsApp sending and the other front-ends go on.`;
    this.deps.logger.error(detail);
    this.deps.report('token refused', detail);
  }

  private async waitAfter(failure: ApiFailure, failures: number, silent: boolean): Promise<void> {
    const { clock, logger, timing } = this.deps;
    const waitMs = failure.kind === 'rate limited' ? failure.retryAfterMs : backoffCeiling(failures, { ...timing.retry, factor: 2 });
    const next = clock.now() + waitMs;
    const seconds = Math.max(1, Math.round(waitMs / 1000));
    if (silent) {
      logger.warn({ detail: failure.detail }, `Telegram's long poll stopped answering (${failure.detail}); the watchdog restarted it`);
    }
    if (failure.kind === 'conflict') {
      const detail = `Telegram says another process is polling with this bot token (${failure.detail}): stop the other zapcast or bot using TELEGRAM_BOT_TOKEN. Trying again in ${seconds} s.`;
      logger.warn(detail);
      this.deps.report('conflict', detail, next);
    } else {
      const where = this.connected ? 'polling Telegram' : 'connecting to Telegram';
      logger.warn({ attempt: failures, retryInMs: waitMs }, `${where} failed (${failure.detail}); trying again in ${seconds} s`);
      this.deps.report('retrying', `${where} failed: ${failure.detail}; attempt ${failures}, next in ${seconds} s`, next);
    }
    await clock.sleep(waitMs, this.stopSignal.signal).catch(() => undefined);
  }

  /** Stops polling and confirms the updates handled, so a restart does not handle them again. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.stopSignal.abort();
    await this.loop;
    this.deps.report('stopped');
    if (!this.connected || this.offset === 0) return;
    const confirm = new AbortController();
    const watchdog = this.deps.clock.setTimer(this.deps.timing.watchdogGraceMs, () => confirm.abort());
    await this.deps.telegram
      .callApi('getUpdates', { offset: this.offset, limit: 1, timeout: 0 }, { signal: confirm.signal as never })
      .catch((error: unknown) => this.deps.logger.debug({ err: error }, 'the handled Telegram updates were not confirmed; they may be offered again after a restart'))
      .finally(() => watchdog.cancel());
  }
}
