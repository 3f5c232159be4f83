import { TelegramError } from 'telegraf';
import type { Telegram } from 'telegraf';
import { describe, expect, it } from 'vitest';
import type { FrontEndState } from '../../../../src/chat/front-end-status.js';
import { UpdatePoller } from '../../../../src/chat/telegram/update-poller.js';
import { silentLogger } from '../../../../src/core/logger.js';
import { FakeClock } from '../../../support/fake-clock.js';

type Answer = (signal: AbortSignal) => Promise<unknown>;

/** A Bot API whose answers the test scripts per method; unscripted getUpdates wait (a long poll) until aborted. */
function fakeTelegram(clock: FakeClock, script: Record<string, Answer[]>) {
  const calls: { method: string; at: number }[] = [];
  const waitForAbort: Answer = (signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
  const telegram = {
    callApi: (method: string, _payload: unknown, options: { signal: AbortSignal }) => {
      calls.push({ method, at: clock.now() });
      const next = script[method]?.shift();
      if (next) return next(options.signal);
      return method === 'getUpdates' ? waitForAbort(options.signal) : Promise.resolve(method === 'getMe' ? { username: 'zap_bot' } : true);
    },
  } as unknown as Telegram;
  return { telegram, calls };
}

const refused: Answer = () => Promise.reject(Object.assign(new Error('request to http://x/getMe failed, reason: connect ECONNREFUSED'), { name: 'FetchError' }));
const hang: Answer = (signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));

function setUp(script: Record<string, Answer[]>) {
  const clock = new FakeClock();
  const { telegram, calls } = fakeTelegram(clock, script);
  const states: FrontEndState[] = [];
  const poller = new UpdatePoller({
    telegram,
    clock,
    logger: silentLogger(),
    timing: { pollTimeoutS: 50, watchdogGraceMs: 20_000, retry: { baseMs: 1_000, maxMs: 8_000 } },
    report: (state) => states.push(state),
    onConnected: async () => undefined,
    onUpdates: async () => undefined,
  });
  const start = clock.now();
  return { clock, poller, calls, states, at: (method: string) => calls.filter((c) => c.method === method).map((c) => c.at - start) };
}

describe('the Telegram update poller', () => {
  it('tries an unreachable Bot API again after 1, 2, 4, 8, 8 s, and is up once it answers', async () => {
    const t = setUp({ getMe: [refused, refused, refused, refused, refused] });
    t.poller.start();
    await t.clock.runUntil(() => t.states.at(-1) === 'up');
    expect(t.at('getMe')).toEqual([0, 1_000, 3_000, 7_000, 15_000, 23_000]);
    expect(t.states).toEqual(['starting', 'retrying', 'retrying', 'retrying', 'retrying', 'retrying', 'up']);
    await t.poller.stop();
  });

  it('abandons a long poll that gets no answer 20 s past its 50 s, and polls again', async () => {
    const t = setUp({ getUpdates: [hang] });
    t.poller.start();
    await t.clock.runUntil(() => t.calls.filter((c) => c.method === 'getUpdates').length === 2);
    expect(t.at('getUpdates')).toEqual([0, 71_000]);
    await t.poller.stop();
  });

  it('stops for good on a refused token', async () => {
    const t = setUp({ getMe: [() => Promise.reject(new TelegramError({ error_code: 401, description: 'Unauthorized' }))] });
    t.poller.start();
    await t.clock.runUntil(() => t.states.at(-1) === 'token refused');
    await t.clock.advance(3_600_000);
    expect(t.at('getMe')).toEqual([0]);
    await t.poller.stop();
  });
});
