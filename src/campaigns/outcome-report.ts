import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { csvLine } from '../core/csv-write.js';
import type { Repositories } from '../db/repositories.js';
import type { CampaignRun } from '../db/repos/campaign-runs-repo.js';

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/** When sent messages without a receipt stop being "sent": `now` and RECEIPT_TIMEOUT_MS. */
export interface ReceiptDeadline {
  now: number;
  receiptTimeoutMs: number;
}

/**
 * True for a message that left (WhatsApp never confirms that to Baileys, so
 * "sent" means written to the link) but whose delivery receipt is overdue.
 */
export function hasNoReceipt(message: { state: string; sentAt: number | null }, deadline: ReceiptDeadline): boolean {
  return message.state === 'sent' && message.sentAt !== null && deadline.now - message.sentAt >= deadline.receiptTimeoutMs;
}

/** What happened to each recipient, in words a spreadsheet reader understands. */
function outcomeOf(message: { state: string; sentAt: number | null }, run: CampaignRun, deadline: ReceiptDeadline): string {
  if (message.state === 'pending') return run.state === 'stopped' ? 'not sent (campaign stopped)' : 'waiting';
  if (message.state === 'unknown') return 'unknown (interrupted while sending)';
  if (hasNoReceipt(message, deadline)) return 'no receipt';
  return message.state;
}

/** Writes one CSV row per recipient of each of the campaign's runs and returns its path and counts. */
export async function writeOutcomeReport(
  repos: Repositories,
  campaignId: number,
  exportsDir: string,
  deadline: ReceiptDeadline,
): Promise<{ path: string; rows: number; noReceipt: number }> {
  const { now } = deadline;
  mkdirSync(exportsDir, { recursive: true });
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const path = join(exportsDir, `campaign-${campaignId}-report-${stamp}.csv`);
  const out = createWriteStream(path);
  out.write(csvLine(['run', 'phone', 'name', 'outcome', 'attempts', 'message_id', 'error', 'sent_at', 'delivered_at', 'read_at']));
  let rows = 0;
  let noReceipt = 0;
  for (const run of repos.runs.ofCampaign(campaignId)) {
    for (const m of repos.messages.ofRun(run.id)) {
      const outcome = outcomeOf(m, run, deadline);
      if (outcome === 'no receipt') noReceipt++;
      const line = csvLine([run.id, m.phone, m.contactName, outcome, m.attempts, m.waMessageId, m.error, iso(m.sentAt), iso(m.deliveredAt), iso(m.readAt)]);
      if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      rows++;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { path, rows, noReceipt };
}
