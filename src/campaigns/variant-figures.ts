import type { Repositories } from '../db/repositories.js';
import type { Campaign } from '../db/repos/campaigns-repo.js';
import { parseStoredTemplate } from './template.js';
import { variantLabel } from './template-variants.js';

/** How one variant of a campaign's text fared: the A/B figures. */
export interface VariantFigures {
  variant: number;
  label: string;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
}

/**
 * Per-variant figures over the given runs of a campaign, for the variants that
 * went out; empty when its template has no variations. Read from the counters
 * migration 022's triggers keep, so a large run costs no more than a small one.
 */
export function variantFigures(repos: Repositories, campaign: Campaign, runIds: number[]): VariantFigures[] {
  const template = parseStoredTemplate(campaign.template);
  if (template.variantCount === 1 || runIds.length === 0) return [];
  const statement = repos.db.prepare('SELECT variant, state, count FROM variant_counters WHERE run_id = ?');
  const byVariant = new Map<number, VariantFigures>();
  for (const runId of runIds) {
    for (const row of statement.all(runId) as { variant: number; state: string; count: number }[]) {
      const figures = byVariant.get(row.variant) ?? { variant: row.variant, label: variantLabel(template.parts, row.variant), sent: 0, delivered: 0, read: 0, replied: 0 };
      // A read implies delivered and sent, as in the run's own figures.
      if (row.state === 'sent' || row.state === 'delivered' || row.state === 'read') figures.sent += row.count;
      if (row.state === 'delivered' || row.state === 'read') figures.delivered += row.count;
      if (row.state === 'read') figures.read += row.count;
      if (row.state === 'replied') figures.replied += row.count;
      byVariant.set(row.variant, figures);
    }
  }
  return [...byVariant.values()].sort((a, b) => a.variant - b.variant);
}

/** Lines for a progress view; many variants are cut short, the report has them all. */
export function formatVariantFigures(figures: VariantFigures[], maxLines = 10): string[] {
  const lines = figures
    .slice(0, maxLines)
    .map((f) => `"${f.label}": sent ${f.sent} · delivered ${f.delivered} · read ${f.read} · replied ${f.replied}`);
  if (figures.length > maxLines) lines.push(`… and ${figures.length - maxLines} more variants (see /report)`);
  return lines;
}
