import type { Clock } from '../core/clock.js';
import type { AppEventBus } from '../core/events.js';
import type { LinkState } from './transport.js';

/** What an operator needs to know to link a WhatsApp number right now. */
export interface LinkStatus {
  sessionName: string;
  state: LinkState;
  /** The latest login QR while the session waits to be scanned; null otherwise. */
  qr: { code: string; at: number } | null;
  /** The linked number, once WhatsApp has told us. */
  phone: string | null;
  /** When the state last changed. */
  since: number;
}

/**
 * Keeps, per WhatsApp session, the latest QR code and link state from the
 * 'link.*' events, so /qr can answer at any moment instead of waiting for the
 * next rotation.
 */
export class LinkMonitor {
  private readonly byName = new Map<string, LinkStatus>();
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly events: AppEventBus,
    private readonly clock: Clock,
  ) {}

  /** Registers a session with what is known before its first event (state, number from the last link). */
  track(sessionName: string, state: LinkState, phone: string | null): void {
    this.byName.set(sessionName, { sessionName, state, qr: null, phone, since: this.clock.now() });
  }

  start(): void {
    if (this.unsubscribers.length > 0) return;
    this.unsubscribers.push(
      this.events.on('link.state', ({ sessionName, state }) => {
        const status = this.entry(sessionName);
        if (status.state !== state) status.since = this.clock.now();
        status.state = state;
        // A code is only good while WhatsApp is waiting for it to be scanned.
        if (state !== 'qr') status.qr = null;
      }),
      this.events.on('link.qr', ({ sessionName, code }) => {
        const status = this.entry(sessionName);
        status.qr = { code, at: this.clock.now() };
        if (status.state !== 'qr') {
          status.state = 'qr';
          status.since = this.clock.now();
        }
      }),
      this.events.on('link.open', ({ sessionName, phone }) => {
        const status = this.entry(sessionName);
        if (status.state !== 'open') status.since = this.clock.now();
        status.state = 'open';
        status.qr = null;
        if (phone) status.phone = phone;
      }),
    );
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }

  sessionNames(): string[] {
    return [...this.byName.keys()];
  }

  has(sessionName: string): boolean {
    return this.byName.has(sessionName);
  }

  status(sessionName: string): LinkStatus | undefined {
    const status = this.byName.get(sessionName);
    return status && { ...status, qr: status.qr && { ...status.qr } };
  }

  private entry(sessionName: string): LinkStatus {
    let status = this.byName.get(sessionName);
    if (!status) {
      status = { sessionName, state: 'idle', qr: null, phone: null, since: this.clock.now() };
      this.byName.set(sessionName, status);
    }
    return status;
  }
}
