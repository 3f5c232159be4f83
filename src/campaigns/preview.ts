import type { Repositories } from '../db/repositories.js';
import type { Campaign } from '../db/repos/campaigns-repo.js';
import { clipToCharacters } from '../core/text-clip.js';
import { parseStoredTemplate, renderTemplate, unknownVariables, type TemplateValues } from './template.js';
import { variantOfChoices } from './template-variants.js';

/** A sample longer than this is cut: a preview of a long text must not become dozens of chat messages. */
export const PREVIEW_SAMPLE_CHARS = 600;
/** Over this many recipients, fewer than MIN_VARIANTS distinct texts is warned about. */
export const VARIATION_WARNING_RECIPIENTS = 100;
export const MIN_VARIANTS = 3;

export interface CampaignPreview {
  campaign: Campaign;
  samples: { phone: string; text: string }[];
  listSize: number;
  optedOut: number;
  toSend: number;
  unknownVariables: string[];
  etaAt: number;
  /** Distinct texts the template's variations can make (1 without variations). */
  variantCount: number;
  /** Set when many recipients would get few distinct texts. */
  variationWarning: string | undefined;
}

export function buildPreview(repos: Repositories, campaign: Campaign, etaFor: (count: number) => number): CampaignPreview {
  const template = parseStoredTemplate(campaign.template);
  const contacts = repos.contacts.firstOfList(campaign.listId, 3);
  const variantCount = template.variantCount;
  // With variations there are always three samples, each taking a different alternative where it can.
  const sampleCount = variantCount > 1 ? 3 : contacts.length;
  const samples = Array.from({ length: sampleCount }, (_, k) => {
    const contact = contacts.length > 0 ? contacts[k % contacts.length]! : undefined;
    const values: TemplateValues = contact ? { name: contact.name, phone: contact.phone, fields: contact.fields } : { name: null, fields: {} };
    const variant = variantOfChoices(template.parts, Array.from({ length: template.parts.length }, () => k));
    const text = renderTemplate(template, values, variant);
    return { phone: contact?.phone ?? '(no contact)', text: clipToCharacters(text, PREVIEW_SAMPLE_CHARS) };
  });
  const listSize = repos.contacts.count(campaign.listId);
  const optedOut = repos.contacts.countOptedOut(campaign.listId);
  const toSend = listSize - optedOut;
  return {
    campaign,
    samples,
    listSize,
    optedOut,
    toSend,
    unknownVariables: unknownVariables(template, repos.contacts.fieldNames(campaign.listId)),
    etaAt: etaFor(toSend),
    variantCount,
    variationWarning: variationWarning(toSend, variantCount),
  };
}

/** Identical copy to many numbers is a classic spam signal. */
export function variationWarning(recipients: number, variantCount: number): string | undefined {
  if (recipients <= VARIATION_WARNING_RECIPIENTS || variantCount >= MIN_VARIANTS) return undefined;
  const texts = variantCount === 1 ? 'the same words' : `only ${variantCount} different texts`;
  return `Warning: ${recipients} recipients get ${texts}, and identical copy is a spam signal; vary it like {{Hi|Hello|Good morning}} {name}.`;
}
