import type { Clock } from '../core/clock.js';
import type { AppEventBus } from '../core/events.js';
import type { CampaignRun } from '../db/repos/campaign-runs-repo.js';
import { formatHolds, type Hold } from './holds.js';

/**
 * Tells the operators, once per hold, why a number's running campaigns are
 * not sending and until when, and refreshes their progress views so those
 * say it too. A run that only says "running" while nothing goes out for
 * hours would not be the truth.
 */
export class HoldNotices {
  private announced: string | undefined;

  constructor(
    private readonly deps: { sessionName: string; events: AppEventBus; clock: Clock; timeZone: string; dryRun: boolean },
  ) {}

  announce(holds: readonly Hold[], runs: readonly CampaignRun[]): void {
    const key = holds.map((hold) => `${hold.kind}@${hold.until}`).join(',');
    if (key === this.announced) return;
    this.announced = key;
    const { events, clock, timeZone, sessionName, dryRun } = this.deps;
    for (const run of runs) events.emit('run.progress', { runId: run.id, campaignId: run.campaignId });
    const ids = runs.map((run) => run.campaignId);
    const who = ids.length === 1 ? `Campaign ${ids[0]}` : `Campaigns ${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
    events.emit('notice', { text: `${dryRun ? '[DRY RUN] ' : ''}${who} (number ${sessionName}) ${formatHolds(holds, clock.now(), timeZone)}.` });
  }

  /** Sending went on: the next hold is news again. */
  clear(): void {
    this.announced = undefined;
  }
}
