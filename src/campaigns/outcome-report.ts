import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { csvField, quoteField } from '../core/csv-write.js';
import { BOM, exportPhone, exportTime, type ExportFormat } from '../core/export-format.js';
import type { Repositories } from '../db/repositories.js';
import type { CampaignRun } from '../db/repos/campaign-runs-repo.js';
import { parseStoredTemplate } from './template.js';
import { variantLabel } from './template-variants.js';

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
  if (message.state === 'pending' || message.state === 'sending') return run.state === 'stopped' ? 'not sent (campaign stopped)' : 'waiting';
  if (message.state === 'unknown') return 'unknown (interrupted while sending)';
  if (hasNoReceipt(message, deadline)) return 'no receipt';
  return message.state;
}

/** Rows read per query: a page is read and formatted in a few milliseconds, so a write waits no longer than that. */
const PAGE_ROWS = 250;

/**
 * The run's messages a page at a time. Nothing stays open on the connection
 * while the file is written (a write waiting for the disk lets other work
 * run): an open read would refuse every write of the send loop and commands.
 */
function* pagesOfRun(repos: Repositories, runId: number) {
  for (let afterId = repos.messages.firstIdOfRun(runId) - 1; ; ) {
    const page = repos.messages.pageOfRun(runId, afterId, PAGE_ROWS);
    yield* page;
    if (page.length < PAGE_ROWS) return;
    afterId = page[page.length - 1]!.id;
  }
}

/** A file name no later report takes: the moment it was made, to the millisecond. */
export function reportStamp(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, '-');
}

/**
 * Writes one CSV row per recipient of each of the campaign's runs and returns
 * its path and counts, in the operator's spreadsheet dialect (see ExportFormat).
 */
export async function writeOutcomeReport(
  repos: Repositories,
  campaignId: number,
  exportsDir: string,
  deadline: ReceiptDeadline,
  format: ExportFormat,
): Promise<{ path: string; rows: number; noReceipt: number }> {
  const { now } = deadline;
  mkdirSync(exportsDir, { recursive: true });
  const path = join(exportsDir, `campaign-${campaignId}-report-${reportStamp(now)}.csv`);
  const out = createWriteStream(path);
  const { separator, timeZone } = format;
  const line = (fields: string[]) => `${fields.join(separator)}\r\n`;
  const zone = ` (${timeZone})`;
  const header = ['run', 'phone', 'name', 'outcome', 'attempts', 'message_id', 'error', `sent_at${zone}`, `delivered_at${zone}`, `read_at${zone}`, 'variant'];
  const campaign = repos.campaigns.get(campaignId);
  // The variant's alternatives as written; empty for a template without variations or a message not yet sent.
  const template = campaign ? parseStoredTemplate(campaign.template) : undefined;
  const variantOf = (variant: number | null) => (template && variant !== null && template.variantCount > 1 ? variantLabel(template.parts, variant) : '');
  out.write(BOM + line(header.map((h) => csvField(h, separator))));
  let rows = 0;
  let noReceipt = 0;
  for (const run of repos.runs.ofCampaign(campaignId)) {
    for (const m of pagesOfRun(repos, run.id)) {
      const outcome = outcomeOf(m, run, deadline);
      if (outcome === 'no receipt') noReceipt++;
      const fields = [
        csvField(run.id, separator),
        quoteField(exportPhone(m.phone), separator),
        ...[m.contactName, outcome, m.attempts, m.waMessageId, m.error].map((v) => csvField(v, separator)),
        ...[m.sentAt, m.deliveredAt, m.readAt].map((at) => csvField(exportTime(at, timeZone), separator)),
        csvField(variantOf(m.variant), separator),
      ];
      if (!out.write(line(fields))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      rows++;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { path, rows, noReceipt };
}
