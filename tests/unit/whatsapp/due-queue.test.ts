import { describe, expect, it } from 'vitest';
import { DueQueue } from '../../../src/whatsapp/due-queue.js';
import { FakeClock } from '../../support/fake-clock.js';

describe('values handed over when due, on one timer', () => {
  it('hands each value over at its time, in the order added', async () => {
    const clock = new FakeClock(1_000);
    const seen: [number, string][] = [];
    const queue = new DueQueue<string>(clock, (value) => seen.push([clock.now(), value]));
    queue.add(1_500, 'a');
    queue.add(1_500, 'b');
    await clock.advance(200);
    queue.add(2_000, 'c');
    await clock.advance(299);
    expect(seen).toEqual([]);
    await clock.advance(1);
    expect(seen).toEqual([
      [1_500, 'a'],
      [1_500, 'b'],
    ]);
    await clock.advance(500);
    expect(seen.at(-1)).toEqual([2_000, 'c']);
    expect(queue.waiting).toBe(0);
  });

  it('takes values added while it hands others over', async () => {
    const clock = new FakeClock(0);
    const seen: string[] = [];
    const queue: DueQueue<string> = new DueQueue<string>(clock, (value) => {
      seen.push(value);
      if (value === 'first') queue.add(clock.now() + 100, 'added while handing over');
    });
    queue.add(10, 'first');
    await clock.advance(10);
    await clock.advance(100);
    expect(seen).toEqual(['first', 'added while handing over']);
  });

  it('hands nothing over once cleared', async () => {
    const clock = new FakeClock(0);
    const seen: number[] = [];
    const queue = new DueQueue<number>(clock, (value) => seen.push(value));
    for (let i = 0; i < 5_000; i++) queue.add(i, i);
    await clock.advance(2_999);
    queue.clear();
    await clock.advance(10_000);
    expect(seen).toHaveLength(3_000);
    expect(seen.at(-1)).toBe(2_999);
  });
});
