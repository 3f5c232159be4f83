import type { Clock } from '../core/clock.js';
import type { FrontEndName } from '../core/command.js';

/**
 * How a front-end's connection to its platform stands:
 * - `starting`: not yet connected for the first time;
 * - `up`: receiving commands;
 * - `retrying`: the platform cannot be reached or failed; trying again with growing waits;
 * - `conflict`: the platform says another process uses the same bot; retrying;
 * - `token refused`: the platform refused the bot's token; nothing will change
 *   until an operator fixes the setting and restarts;
 * - `stopped`: shut down.
 */
export type FrontEndState = 'starting' | 'up' | 'retrying' | 'conflict' | 'token refused' | 'stopped';

export interface FrontEndStatus {
  state: FrontEndState;
  /** What is wrong, in plain words (null when up). */
  detail: string | null;
  /** Since when (ISO time). */
  since: string;
  /** When the next attempt is due while retrying (ISO time), else null. */
  nextAttemptAt: string | null;
}

/** States only an operator can end: /healthz reports them as problems. */
const NEEDS_AN_OPERATOR: readonly FrontEndState[] = ['token refused'];

/**
 * Where every chat front-end reports how it is connected, for /healthz. A chat
 * platform that is down never stops WhatsApp sending or the other front-ends;
 * this is where it shows.
 */
export class FrontEndStatusBoard {
  private readonly statuses = new Map<FrontEndName, FrontEndStatus>();

  constructor(private readonly clock: Clock) {}

  report(name: FrontEndName, state: FrontEndState, detail: string | null = null, nextAttemptAt: number | null = null): void {
    const previous = this.statuses.get(name);
    const since = previous?.state === state ? previous.since : new Date(this.clock.now()).toISOString();
    this.statuses.set(name, { state, detail, since, nextAttemptAt: nextAttemptAt === null ? null : new Date(nextAttemptAt).toISOString() });
  }

  get(name: FrontEndName): FrontEndStatus | undefined {
    return this.statuses.get(name);
  }

  snapshot(): Partial<Record<FrontEndName, FrontEndStatus>> {
    return Object.fromEntries(this.statuses);
  }

  /** One line per front-end in a state only an operator can end. */
  problems(): string[] {
    return [...this.statuses]
      .filter(([, status]) => NEEDS_AN_OPERATOR.includes(status.state))
      .map(([name, status]) => `the ${name} bot is down: ${status.detail ?? status.state}`);
  }
}
