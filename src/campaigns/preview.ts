import type { Repositories } from '../db/repositories.js';
import type { Campaign } from '../db/repos/campaigns-repo.js';
import { parseTemplate, renderTemplate, unknownVariables } from './template.js';

export interface CampaignPreview {
  campaign: Campaign;
  samples: { phone: string; text: string }[];
  listSize: number;
  optedOut: number;
  toSend: number;
  unknownVariables: string[];
  etaAt: number;
}

export function buildPreview(repos: Repositories, campaign: Campaign, etaFor: (count: number) => number): CampaignPreview {
  const template = parseTemplate(campaign.template);
  const samples = repos.contacts.firstOfList(campaign.listId, 3).map((contact) => ({
    phone: contact.phone,
    text: renderTemplate(template, { name: contact.name, phone: contact.phone, fields: contact.fields }),
  }));
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
  };
}
