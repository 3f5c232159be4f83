import { describe, expect, it } from 'vitest';
import { Breaker } from '../../../src/safety/breaker.js';

const policy = { maxConsecutiveFailures: 3, minDeliveredRatio: 0.5, ratioSample: 10, ratioGraceMs: 60_000 };

function breaker() {
  const trips: string[] = [];
  return { trips, breaker: new Breaker(policy, (reason) => trips.push(reason)) };
}

describe('the breaker', () => {
  it('trips after a run of failed sends, and a success in between resets the run', () => {
    const { trips, breaker: b } = breaker();
    b.recordFailure('timeout');
    b.recordFailure('timeout');
    b.recordSent('A', 0);
    b.recordFailure('timeout');
    b.recordFailure('timeout');
    expect(trips).toEqual([]);
    b.recordFailure('timeout');
    expect(trips).toEqual(['3 sends failed in a row (last: timeout)']);
    expect(b.state).toBe('tripped');
  });

  it('trips at once on error 463, from a send or a receipt', () => {
    const first = breaker();
    first.breaker.recordFailure('forbidden', '463');
    expect(first.trips[0]).toMatch(/error 463/);
    const second = breaker();
    second.breaker.recordReceipt('X', 'failed', '463');
    expect(second.trips[0]).toMatch(/error 463/);
  });

  it("trips on WhatsApp's capping warning", () => {
    const { trips, breaker: b } = breaker();
    b.recordCapping('reach-out timelock until 2026-12-01');
    expect(trips).toEqual(['WhatsApp warned about this number: reach-out timelock until 2026-12-01']);
  });

  it('trips when too few settled sends were delivered', () => {
    const { trips, breaker: b } = breaker();
    for (let i = 0; i < 10; i++) {
      b.recordSent(`M${i}`, i * 1000);
      if (i < 4) b.recordReceipt(`M${i}`, 'delivered');
    }
    expect(trips).toEqual([]);
    b.recordSent('late', 200_000);
    expect(trips).toEqual(['only 40% of the last 10 messages were delivered (threshold 50%)']);
  });

  it('does not judge deliveries before the sample is settled', () => {
    const { trips, breaker: b } = breaker();
    for (let i = 0; i < 10; i++) b.recordSent(`M${i}`, 0);
    b.recordSent('now', 30_000);
    expect(trips).toEqual([]);
  });

  it('trips once, and counts afresh after a reset', () => {
    const { trips, breaker: b } = breaker();
    b.recordCapping('a');
    b.recordCapping('b');
    expect(trips).toHaveLength(1);
    b.reset();
    expect(b.state).toBe('closed');
    b.recordCapping('c');
    expect(trips).toHaveLength(2);
  });
});
