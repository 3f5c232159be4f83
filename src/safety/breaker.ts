/**
 * Watches one WhatsApp number for the signs that precede a ban and trips once:
 * a restriction error (463), WhatsApp's capping or reach-out timelock warnings,
 * a run of failed sends, or too few deliveries among recent sends.
 */
export interface BreakerPolicy {
  maxConsecutiveFailures: number;
  minDeliveredRatio: number;
  /** How many settled sends the ratio needs before it is judged. */
  ratioSample: number;
  /** How long a send has to be delivered before it counts as undelivered. */
  ratioGraceMs: number;
}

/** Why a breaker tripped, as a fixed code for metrics and logs. */
export type TripKind = 'restriction' | 'capping' | 'failures' | 'delivery';

export const BreakerState = { Closed: 'closed', Tripped: 'tripped' } as const;
export type BreakerState = (typeof BreakerState)[keyof typeof BreakerState];

interface RecentSend {
  id: string;
  at: number;
  delivered: boolean;
}

export class Breaker {
  private current: BreakerState = BreakerState.Closed;
  private consecutiveFailures = 0;
  private recent: RecentSend[] = [];
  private reason: string | null = null;

  constructor(
    private readonly policy: BreakerPolicy,
    private readonly onTrip: (reason: string, kind: TripKind) => void,
  ) {}

  get state(): BreakerState {
    return this.current;
  }

  get tripReason(): string | null {
    return this.reason;
  }

  private trip(reason: string, kind: TripKind): void {
    if (this.current === BreakerState.Tripped) return;
    this.current = BreakerState.Tripped;
    this.reason = reason;
    this.onTrip(reason, kind);
  }

  /** The operator chose to go on: start counting afresh. */
  reset(): void {
    this.current = BreakerState.Closed;
    this.reason = null;
    this.consecutiveFailures = 0;
    this.recent = [];
  }

  recordSent(waMessageId: string, at: number): void {
    this.consecutiveFailures = 0;
    this.recent.push({ id: waMessageId, at, delivered: false });
    const keep = Math.max(this.policy.ratioSample * 4, 200);
    if (this.recent.length > keep) this.recent.splice(0, this.recent.length - keep);
    this.judgeDeliveries(at);
  }

  recordFailure(reason: string, code?: string): void {
    if (code === '463') return this.trip(`WhatsApp refused a send with error 463 (the number is being restricted): ${reason}`, 'restriction');
    this.consecutiveFailures++;
    if (this.policy.maxConsecutiveFailures > 0 && this.consecutiveFailures >= this.policy.maxConsecutiveFailures) {
      this.trip(`${this.consecutiveFailures} sends failed in a row (last: ${reason})`, 'failures');
    }
  }

  recordReceipt(waMessageId: string, status: 'sent' | 'delivered' | 'read' | 'failed', errorCode?: string): void {
    if (status === 'failed') {
      if (errorCode === '463') this.trip('WhatsApp reported error 463 on a sent message (the number is being restricted)', 'restriction');
      return;
    }
    if (status === 'delivered' || status === 'read') {
      const send = this.recent.find((s) => s.id === waMessageId);
      if (send) send.delivered = true;
    }
  }

  recordCapping(detail: string): void {
    this.trip(`WhatsApp warned about this number: ${detail}`, 'capping');
  }

  private judgeDeliveries(now: number): void {
    if (this.policy.ratioSample <= 0) return;
    const settled = this.recent.filter((s) => now - s.at >= this.policy.ratioGraceMs);
    if (settled.length < this.policy.ratioSample) return;
    const sample = settled.slice(-this.policy.ratioSample);
    const ratio = sample.filter((s) => s.delivered).length / sample.length;
    if (ratio < this.policy.minDeliveredRatio) {
      this.trip(`only ${Math.round(ratio * 100)}% of the last ${sample.length} messages were delivered (threshold ${Math.round(this.policy.minDeliveredRatio * 100)}%)`, 'delivery');
    }
  }
}
