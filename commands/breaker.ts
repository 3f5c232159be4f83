import { defineCommand, text, type Button } from '../src/core/command.js';
import { ZapcastError } from '../src/core/errors.js';
import { MAX_PACE_FACTOR, slowedDown } from '../src/safety/pace-factor.js';
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

const normalPaceButton = (name: string): Button => ({ label: 'Normal pace', command: `/breaker normal-pace ${name}` });

export default defineCommand({
  name: 'breaker',
  description: 'Answer the safety breaker of a WhatsApp number: resume, slow down (doubles the delays), stop, or back to normal pace',
  options: [
    { name: 'action', type: 'string', description: 'resume, slow-down, stop or normal-pace', required: true, choices: ['resume', 'slow-down', 'stop', 'normal-pace'] },
    { name: 'session', type: 'string', description: 'The WhatsApp number (session name)' },
  ],
  help: ['normal-pace undoes every "Slow down" of the number: its delays go back to the configured pacing (SEND_DELAY_*, LONG_PAUSE_*).'],
  // Only stopping is irreversible; resuming, slowing down and normal pace are not asked about.
  confirm(args, ctx) {
    if (args.string('action') !== 'stop') return undefined;
    const { name, held } = heldBy(ctx.services, args.optionalString('session'));
    return `Stop the campaigns the breaker holds on WhatsApp ${name} (${held.map((c) => c.id).join(', ') || 'none'}) for good? This cannot be undone.`;
  },
  async run(ctx, args) {
    const { services } = ctx;
    const sender = services.dispatcher.resolve(args.optionalString('session'));
    const name = sender.transport.sessionName;
    const action = args.string('action');
    const { waSessions } = services.repos;
    if (action === 'normal-pace') {
      if (waSessions.paceFactor(name) === 1) return text(`WhatsApp ${name} already sends at the configured pacing.`);
      waSessions.setPaceFactor(name, 1);
      services.dispatcher.wake(name);
      return text(`WhatsApp ${name} is back to the configured pacing.`);
    }
    const { held } = heldBy(services, name);
    sender.guard?.breaker.reset();
    if (action === 'stop') {
      for (const campaign of held) services.campaigns.stop(campaign.id);
      return text(`Stopped campaigns ${held.map((c) => c.id).join(', ') || '(none)'} of WhatsApp ${name}.`);
    }
    const before = waSessions.paceFactor(name);
    const factor = action === 'slow-down' ? slowedDown(before) : before;
    if (factor !== before) waSessions.setPaceFactor(name, factor);
    for (const campaign of held) services.campaigns.resume(campaign.id, { resendUnknown: false });
    const resumed = `Resumed campaigns ${held.map((c) => c.id).join(', ') || '(none)'} of WhatsApp ${name}.`;
    if (factor === 1) return text(resumed);
    const limit = action === 'slow-down' && factor === before ? `, the most "Slow down" goes (${MAX_PACE_FACTOR}x)` : '';
    const pace = `Delays on ${name} ${factor === before ? 'stay' : 'are now'} ${factor}x the configured pacing${limit}; /breaker normal-pace ${name} undoes it.`;
    return text(`${resumed} ${pace}`, [normalPaceButton(name)]);
  },
});
