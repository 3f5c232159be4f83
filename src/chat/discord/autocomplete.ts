import type { AppServices } from '../../app-services.js';
import { clipGraphemes } from '../../core/graphemes.js';
import { formatLocal } from '../../core/zoned-time.js';

/** Discord shows at most 25 suggestions, each named in at most 100 characters. */
export const SUGGESTIONS_LIMIT = 25;
const NAME_LIMIT = 100;

export interface Suggestion {
  name: string;
  value: number | string;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const label = (...parts: string[]) => clipGraphemes(parts.filter(Boolean).join(' · '), NAME_LIMIT);

function percentDone(services: AppServices, campaignId: number): number | undefined {
  const run = services.repos.runs.latestOf(campaignId);
  if (!run || run.total === 0) return undefined;
  const counts = services.repos.counters.forRun(run.id);
  return Math.floor(((run.total - counts.pending - counts.sending) / run.total) * 100);
}

/**
 * Suggestions for an option that names something zapcast keeps, as the
 * operator types: the most recent that match, read straight from SQLite
 * (Discord gives the bot 3 s to answer). Options that name nothing give none.
 */
export function suggestionsFor(services: AppServices, option: string, typed: string): Suggestion[] {
  const text = typed.trim();
  const { repos } = services;
  switch (option) {
    case 'campaign':
      return repos.campaigns.matching(text, SUGGESTIONS_LIMIT).map((campaign) => {
        const percent = campaign.state === 'draft' ? undefined : percentDone(services, campaign.id);
        const state = `${campaign.state.replace(/_/g, ' ')}${percent === undefined ? '' : ` ${percent}%`}`;
        return { name: label(String(campaign.id), clipGraphemes(oneLine(campaign.template), 40), state), value: campaign.id };
      });
    case 'list':
      return repos.lists.matching(text, SUGGESTIONS_LIMIT).map((list) => ({
        name: label(String(list.id), clipGraphemes(list.name, 50), `${list.contactCount.toLocaleString('en-US')} contacts`),
        value: list.id,
      }));
    case 'schedule':
      return repos.schedules.matching(text, SUGGESTIONS_LIMIT).map((schedule) => ({
        name: label(
          String(schedule.id),
          `campaign ${schedule.campaignId}`,
          clipGraphemes(`${schedule.kind} ${schedule.expression}`, 40),
          schedule.nextFireAt === null ? '' : `next ${formatLocal(schedule.nextFireAt, schedule.timeZone)}`,
        ),
        value: schedule.id,
      }));
    case 'session': {
      const lowered = text.toLowerCase();
      return services.links
        .sessionNames()
        .filter((name) => name.includes(lowered) || (services.links.status(name)?.phone ?? '').includes(text))
        .slice(0, SUGGESTIONS_LIMIT)
        .map((name) => {
          const status = services.links.status(name);
          return { name: label(name, status?.phone ?? '', status?.state ?? ''), value: name };
        });
    }
    default:
      return [];
  }
}
