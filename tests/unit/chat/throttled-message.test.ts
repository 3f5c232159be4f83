import { describe, expect, it } from 'vitest';
import { RetryLaterError, type EditOutcome } from '../../../src/chat/chat-surface.js';
import { ThrottledMessage, type MessageContent } from '../../../src/chat/throttled-message.js';
import { FakeClock } from '../../support/fake-clock.js';

function setUp(outcome: () => EditOutcome = () => 'edited', intervalMs: number | (() => number) = 3_000) {
  const clock = new FakeClock();
  let text = 'v0';
  const edits: { at: number; content: MessageContent }[] = [];
  let renders = 0;
  const message = new ThrottledMessage({
    messageId: '7',
    shown: { text: 'v0', buttons: [] },
    render: () => {
      renders++;
      return { text, buttons: [] };
    },
    edit: async (_id, content) => {
      edits.push({ at: clock.now(), content });
      return outcome();
    },
    clock,
    intervalMs,
    onError: (error) => {
      throw error;
    },
  });
  return { clock, message, edits, set: (value: string) => (text = value), renders: () => renders, start: clock.now() };
}

describe('a throttled chat message', () => {
  it('edits at most once every 3 s however often it changes, showing the latest content', async () => {
    const t = setUp();
    for (let i = 1; i <= 50; i++) {
      t.set(`v${i}`);
      t.message.touch();
      await t.clock.advance(100);
    }
    await t.clock.advance(10_000);
    const times = t.edits.map((e) => e.at - t.start);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(3_000);
    expect(t.edits.at(-1)?.content.text).toBe('v50');
    expect(t.edits.length).toBeLessThanOrEqual(3);
  });

  it('renders once per due edit, not once per change', async () => {
    const t = setUp();
    for (let i = 0; i < 100; i++) t.message.touch();
    await t.clock.advance(3_000);
    expect(t.renders()).toBe(1);
  });

  it('makes no edit when the content did not change', async () => {
    const t = setUp();
    await t.clock.advance(5_000);
    t.message.touch();
    await t.clock.advance(5_000);
    expect(t.edits).toHaveLength(0);
  });

  it('waits out the interval since its last edit before the next one', async () => {
    const t = setUp();
    await t.clock.advance(3_000);
    t.set('a');
    t.message.touch();
    await t.clock.settle();
    expect(t.edits.map((e) => e.at - t.start)).toEqual([3_000]);
    await t.clock.advance(1_000);
    t.set('b');
    t.message.touch();
    await t.clock.advance(1_999);
    expect(t.edits).toHaveLength(1);
    await t.clock.advance(1);
    expect(t.edits.map((e) => e.at - t.start)).toEqual([3_000, 6_000]);
  });

  it('stops editing once Telegram says the message is gone', async () => {
    const t = setUp(() => 'gone');
    await t.clock.advance(3_000);
    t.set('a');
    t.message.touch();
    await t.clock.advance(3_000);
    expect(t.message.gone).toBe(true);
    t.set('b');
    t.message.touch();
    await t.clock.advance(10_000);
    expect(t.edits).toHaveLength(1);
  });

  it('drops what was due when closed', async () => {
    const t = setUp();
    t.set('a');
    t.message.touch();
    t.message.close();
    await t.clock.advance(10_000);
    expect(t.edits).toHaveLength(0);
  });

  it('waits only as long as a rate limit on this message asks, then shows the latest content', async () => {
    let limited = true;
    const t = setUp(() => {
      if (limited) {
        limited = false;
        throw new RetryLaterError(20_000);
      }
      return 'edited';
    });
    await t.clock.advance(3_000);
    t.set('a');
    t.message.touch();
    await t.clock.settle();
    t.set('b');
    await t.clock.advance(19_000);
    expect(t.edits.map((e) => e.content.text)).toEqual(['a']);
    await t.clock.advance(1_000);
    expect(t.edits.map((e) => [e.at - t.start, e.content.text])).toEqual([
      [3_000, 'a'],
      [23_000, 'b'],
    ]);
  });

  it('reads its interval before each edit, so a view can slow down as it ages', async () => {
    let interval = 3_000;
    const t = setUp(undefined, () => interval);
    await t.clock.advance(3_000);
    t.set('a');
    t.message.touch();
    await t.clock.settle();
    interval = 15_000;
    t.set('b');
    t.message.touch();
    await t.clock.advance(14_999);
    expect(t.edits).toHaveLength(1);
    await t.clock.advance(1);
    expect(t.edits.map((e) => e.at - t.start)).toEqual([3_000, 18_000]);
  });
});
