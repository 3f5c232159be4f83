import { describe, expect, it } from 'vitest';
import { FrontEndStatusBoard } from '../../../src/chat/front-end-status.js';
import { FakeClock } from '../../support/fake-clock.js';

describe('the front-end status board', () => {
  it('keeps each front-end’s state, since when, and what needs an operator', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 5, 12));
    const board = new FrontEndStatusBoard(clock);
    board.report('telegram', 'retrying', 'connect ECONNREFUSED', clock.now() + 2_000);
    await clock.advance(1_000);
    board.report('telegram', 'retrying', 'connect ECONNREFUSED', clock.now() + 4_000);
    board.report('discord', 'up');
    expect(board.snapshot()).toEqual({
      telegram: { state: 'retrying', detail: 'connect ECONNREFUSED', since: '2026-01-05T12:00:00.000Z', nextAttemptAt: '2026-01-05T12:00:05.000Z' },
      discord: { state: 'up', detail: null, since: '2026-01-05T12:00:01.000Z', nextAttemptAt: null },
    });
    expect(board.problems()).toEqual([]);
    board.report('telegram', 'token refused', 'Telegram refused the bot token');
    expect(board.problems()).toEqual(['the telegram bot is down: Telegram refused the bot token']);
  });
});
