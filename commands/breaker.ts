import { defineCommand, text } from '../src/core/command.js';
import { ZapcastError } from '../src/core/errors.js';
import { BREAKER_REASON_PREFIX } from '../src/safety/session-guard.js';
import type { AppServices } from '../src/app-services.js';

/** The campaigns of a number that its breaker holds, refusing when the breaker has nothing to answer. */
function heldBy(services: AppServices, sessionName: string | undefined) {
  const sender = services.dispatcher.resolve(sessionName);
  const name = sender.transport.sessionName;
  const held = services.repos.campaigns.inStates(['paused'], name).filter((c) => c.stateReason?.startsWith(BREAKER_REASON_PREFIX));
  if (held.length === 0 && sender.guard?.breaker.state !== 'tripped') {
    throw new ZapcastError(`The breaker of WhatsApp ${name} has not tripped; nothing is held.`);
  }
  return { sender, name, held };
}

export default defineCommand({
  name: 'breaker',
  description: "Answer the safety breaker of a WhatsApp number: resume, slow down (doubles the delays) or stop its paused campaigns",
  options: [
    { name: 'action', type: 'string', description: 'resume, slow-down or stop', required: true, choices: ['resume', 'slow-down', 'stop'] },
    { name: 'session', type: 'string', description: 'The WhatsApp number (session name)' },
  ],
  // Only stopping is irreversible; resuming and slowing down are not asked about.
  confirm(args, ctx) {
    if (args.string('action') !== 'stop') return undefined;
    const { name, held } = heldBy(ctx.services, args.optionalString('session'));
    return `Stop the campaigns the breaker holds on WhatsApp ${name} (${held.map((c) => c.id).join(', ') || 'none'}) for good? This cannot be undone.`;
  },
  async run(ctx, args) {
    const { services } = ctx;
    const { sender, name, held } = heldBy(services, args.optionalString('session'));
    const action = args.string('action');
    sender.guard?.breaker.reset();
    if (action === 'stop') {
      for (const campaign of held) services.campaigns.stop(campaign.id);
      return text(`Stopped campaigns ${held.map((c) => c.id).join(', ') || '(none)'} of WhatsApp ${name}.`);
    }
    let note = '';
    if (action === 'slow-down') {
      const factor = services.repos.waSessions.paceFactor(name) * 2;
      services.repos.waSessions.setPaceFactor(name, factor);
      note = ` Delays on ${name} are now ${factor}x the configured pacing.`;
    }
    for (const campaign of held) services.campaigns.resume(campaign.id, { resendUnknown: false });
    return text(`Resumed campaigns ${held.map((c) => c.id).join(', ') || '(none)'} of WhatsApp ${name}.${note}`);
  },
});
