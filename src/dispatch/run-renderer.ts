import type { Repositories } from '../db/repositories.js';
import type { ClaimCandidate } from '../db/repos/messages-repo.js';
import { parseStoredTemplate, renderForMessage, type Template } from '../campaigns/template.js';

/** Renders queued messages with their campaign's template, parsing each template once. */
export class RunRenderer {
  private readonly templates = new Map<number, { template: Template; campaignId: number }>();

  constructor(private readonly repos: Repositories) {}

  private forRun(runId: number): { template: Template; campaignId: number } {
    let entry = this.templates.get(runId);
    if (!entry) {
      const run = this.repos.runs.get(runId);
      const campaign = run && this.repos.campaigns.get(run.campaignId);
      if (!run || !campaign) throw new Error(`run ${runId} has no campaign`);
      entry = { template: parseStoredTemplate(campaign.template), campaignId: campaign.id };
      this.templates.set(runId, entry);
    }
    return entry;
  }

  /** The body and, for a template with variations, the variant: chosen from the message id, so every attempt says the same. */
  render(candidate: ClaimCandidate): { body: string; variant: number | null } {
    const { template } = this.forRun(candidate.runId);
    const fields = candidate.fieldsJson ? (JSON.parse(candidate.fieldsJson) as Record<string, string>) : {};
    return renderForMessage(template, { name: candidate.contactName, phone: candidate.phone, fields }, candidate.id);
  }
}
