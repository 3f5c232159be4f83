import type { ProgressSnapshot } from '../campaigns/progress.js';
import { describeState } from '../campaigns/run-state.js';
import { formatDuration } from '../campaigns/eta.js';
import { formatLocal } from '../core/zoned-time.js';
import { formatHolds } from '../dispatch/holds.js';
import type { Button } from '../core/command.js';
import { formatVariantFigures } from '../campaigns/variant-figures.js';

export function progressBar(done: number, total: number, width = 20): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${Math.floor(ratio * 100)}%`;
}

/** The text of a progress view; the same on every front-end. */
export function renderProgress(snapshot: ProgressSnapshot, now: number, timeZone: string): string {
  const c = snapshot.counts;
  const head = `${snapshot.dryRun ? '[DRY RUN] ' : ''}Campaign ${snapshot.campaignId} (list ${snapshot.listId}, number ${snapshot.sessionName}): ${describeState(snapshot.state)}`;
  const lines = [head];
  if (snapshot.stateReason) lines.push(`Reason: ${snapshot.stateReason}`);
  if (snapshot.runId === null) {
    lines.push(notStarted(snapshot));
    return lines.join('\n');
  }
  lines.push(`${progressBar(snapshot.done, snapshot.total)} ${snapshot.done}/${snapshot.total}`);
  lines.push(
    `sent ${snapshot.sent} · delivered ${c.delivered + c.read} · read ${c.read} · failed ${c.failed} · skipped ${c.skipped} · unknown ${c.unknown} · pending ${c.pending + c.sending}`,
  );
  if (snapshot.replies > 0 || snapshot.optOuts > 0) lines.push(`replies ${snapshot.replies} · opted out ${snapshot.optOuts}`);
  if (snapshot.variants && snapshot.variants.length > 0) lines.push('Per variant:', ...formatVariantFigures(snapshot.variants));
  if (snapshot.holds.length > 0) lines.push(formatHolds(snapshot.holds, now, timeZone));
  if (snapshot.etaAt !== null) lines.push(`ETA ${formatLocal(snapshot.etaAt, timeZone)} (in ${formatDuration(snapshot.etaAt - now)})`);
  if (snapshot.state === 'waiting_for_login') lines.push(`WhatsApp link: ${snapshot.linkState}. Sending resumes when it is back (/qr to link).`);
  if (c.unknown > 0) lines.push(`${c.unknown} message(s) were interrupted mid-send: /resume ${snapshot.campaignId} resend-unknown sends them again with their original ids.`);
  return lines.join('\n');
}

/** A campaign with no run yet: what it would send to, and what starts it. */
function notStarted(snapshot: ProgressSnapshot): string {
  const audience = `Not started: nothing sent yet; ${snapshot.total} contact(s) on list ${snapshot.listId}.`;
  if (snapshot.state === 'draft') return `${audience} /run ${snapshot.campaignId} (or the preview's Start button) starts it.`;
  if (snapshot.state === 'scheduled') return `${audience} Its schedule starts it (/schedules ${snapshot.campaignId}).`;
  return audience;
}

/** The buttons that make sense in this state. */
export function progressButtons(snapshot: ProgressSnapshot): Button[] {
  const id = snapshot.campaignId;
  switch (snapshot.state) {
    case 'running':
    case 'waiting_for_login':
      return [
        { label: 'Pause', command: `/pause ${id}` },
        { label: 'Stop', command: `/stop ${id}`, style: 'danger' },
      ];
    case 'paused':
      return [
        { label: 'Resume', command: `/resume ${id}`, style: 'primary' },
        { label: 'Stop', command: `/stop ${id}`, style: 'danger' },
      ];
    default:
      return [];
  }
}
