import type { AppServices } from '../../app-services.js';
import type { Actor } from '../../core/command.js';
import type { Admission } from '../chat-policy.js';
import { quickGuide } from '../quick-guide.js';
import type { OperatorAccess } from '../operator-access.js';

/**
 * The answer to /start. Telegram sends it when someone opens the bot, and a
 * t.me/<bot>?start=<payload> link sends "/start <payload>" for whoever
 * follows it, so /start never runs anything, whatever follows it: operators
 * get the quick guide and their id, a stranger in a private chat their id and
 * how to become an operator.
 */
export function greeting(deps: { services: AppServices; access: OperatorAccess }, actor: Actor, admission: Admission): string | undefined {
  if (admission === 'ignore') return undefined;
  if (admission === 'refuse') return deps.access.refusal(actor.id);
  return `${quickGuide({ dryRun: deps.services.dryRun })}\nYour Telegram id is ${actor.id}.`;
}

/** A /start is audited like any command: a deep link's payload says who sent people to the bot. */
export function auditGreeting(services: AppServices, actor: Actor, chatId: string, payload: string, admission: Admission): void {
  services.repos.audit.write({
    at: services.clock.now(),
    frontEnd: 'telegram',
    actorId: actor.id,
    actorName: actor.name,
    chatId,
    command: 'start',
    arguments: payload || undefined,
    outcome: admission === 'obey' ? 'ok' : 'refused',
    detail: payload ? 'greeted; a /start payload (deep link) never runs anything' : 'greeted',
  });
}
