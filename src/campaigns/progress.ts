import type { Repositories } from '../db/repositories.js';
import type { Campaign } from '../db/repos/campaigns-repo.js';
import type { CampaignRun } from '../db/repos/campaign-runs-repo.js';
import type { RunCounts } from '../db/repos/run-counters-repo.js';
import { emptyCounts } from '../db/repos/run-counters-repo.js';
import type { Hold } from '../dispatch/holds.js';
import type { RunState } from './run-state.js';
import type { VariantFigures } from './variant-figures.js';

/** Everything a progress view shows about one campaign, read in O(1). */
export interface ProgressSnapshot {
  campaignId: number;
  runId: number | null;
  listId: number;
  state: RunState;
  stateReason: string | null;
  total: number;
  counts: RunCounts;
  /** sent + delivered + read: reached WhatsApp. */
  sent: number;
  /** Finished one way or another: everything but pending and sending. */
  done: number;
  etaAt: number | null;
  /** What holds a running run with messages left (quiet hours, the daily cap) and until when; empty when nothing does. */
  holds: Hold[];
  /** Replies and opt-outs that answered this run's messages. */
  replies: number;
  optOuts: number;
  /** Delivered / read / replied per variant of the template's variations, for this run; absent without variations. */
  variants?: VariantFigures[];
  dryRun: boolean;
  sessionName: string;
  linkState: string;
}

export function snapshotOf(
  repos: Repositories,
  campaign: Campaign,
  run: CampaignRun | undefined,
  extra: { dryRun: boolean; linkState: string; etaFor: (remaining: number, run: CampaignRun) => number | null; holds: () => Hold[] },
): ProgressSnapshot {
  const counts = run ? repos.counters.forRun(run.id) : emptyCounts();
  const sent = counts.sent + counts.delivered + counts.read;
  const remaining = counts.pending + counts.sending;
  const total = run ? Math.max(run.total, Object.values(counts).reduce((a, b) => a + b, 0)) : repos.contacts.count(campaign.listId);
  const answers = run ? repos.inbound.repliesOf(run.id) : { replies: 0, optOuts: 0 };
  const active = run && (run.state === 'running' || run.state === 'waiting_for_login');
  return {
    campaignId: campaign.id,
    runId: run?.id ?? null,
    listId: campaign.listId,
    state: campaign.state,
    stateReason: campaign.stateReason,
    total,
    counts,
    sent,
    // A draft (or a cancelled one) has sent nothing: 0 of its list, never "100%".
    done: run ? total - remaining : 0,
    etaAt: active && remaining > 0 ? extra.etaFor(remaining, run) : null,
    holds: run?.state === 'running' && remaining > 0 ? extra.holds() : [],
    replies: answers.replies,
    optOuts: answers.optOuts,
    dryRun: extra.dryRun,
    sessionName: campaign.sessionName,
    linkState: extra.linkState,
  };
}
