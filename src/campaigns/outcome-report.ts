import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { csvLine } from '../core/csv-write.js';
import type { Repositories } from '../db/repositories.js';
import type { CampaignRun } from '../db/repos/campaign-runs-repo.js';

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/** What happened to each recipient, in words a spreadsheet reader understands. */
function outcomeOf(state: string, run: CampaignRun): string {
  if (state === 'pending') return run.state === 'stopped' ? 'not sent (campaign stopped)' : 'waiting';
  if (state === 'unknown') return 'unknown (interrupted while sending)';
  return state;
}

/** Writes one CSV row per recipient of each of the campaign's runs and returns its path. */
export async function writeOutcomeReport(repos: Repositories, campaignId: number, exportsDir: string, now: number): Promise<{ path: string; rows: number }> {
  mkdirSync(exportsDir, { recursive: true });
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const path = join(exportsDir, `campaign-${campaignId}-report-${stamp}.csv`);
  const out = createWriteStream(path);
  out.write(csvLine(['run', 'phone', 'name', 'outcome', 'attempts', 'message_id', 'error', 'sent_at', 'delivered_at', 'read_at']));
  let rows = 0;
  for (const run of repos.runs.ofCampaign(campaignId)) {
    for (const m of repos.messages.ofRun(run.id)) {
      const line = csvLine([run.id, m.phone, m.contactName, outcomeOf(m.state, run), m.attempts, m.waMessageId, m.error, iso(m.sentAt), iso(m.deliveredAt), iso(m.readAt)]);
      if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      rows++;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { path, rows };
}
