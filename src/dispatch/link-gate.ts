import type { RunLifecycle } from '../campaigns/run-lifecycle.js';
import type { Clock } from '../core/clock.js';
import type { CampaignRun } from '../db/repos/campaign-runs-repo.js';
import type { WhatsAppTransport } from '../whatsapp/transport.js';
import { LoginWait } from './login-wait.js';

/**
 * Lets a number's runs send only while its WhatsApp link is up, moving them
 * to `waiting_for_login` when it is down (see LoginWait for when that is said)
 * and back to `running` when it returns. Waiting costs no attempts.
 */
export class LinkGate {
  private readonly loginWait: LoginWait;

  constructor(private readonly deps: { transport: WhatsAppTransport; lifecycle: RunLifecycle; clock: Clock }) {
    this.loginWait = new LoginWait(deps.clock.now());
    this.loginWait.observe(deps.transport.state);
  }

  /** Fed every state the link reports. */
  observe(state: WhatsAppTransport['state']): void {
    this.loginWait.observe(state);
  }

  /**
   * Undefined when the link is up and the runs may send (runs that waited go
   * on); otherwise how long to wait before looking again. The loop is woken
   * as soon as the link changes, so the wait is only a safety net.
   */
  admit(active: readonly CampaignRun[], idleMs: number): number | undefined {
    const { transport, lifecycle, clock } = this.deps;
    if (transport.state === 'open') {
      for (const run of active.filter((r) => r.state === 'waiting_for_login')) lifecycle.transition(run.id, 'running', 'continue after login');
      return undefined;
    }
    const graceLeft = this.loginWait.graceLeft(clock.now());
    if (graceLeft > 0) return graceLeft;
    for (const run of active.filter((r) => r.state === 'running')) {
      lifecycle.transition(run.id, 'waiting_for_login', 'wait for login', 'the WhatsApp link is down');
    }
    return idleMs;
  }
}
