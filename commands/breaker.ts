import { defineCommand, text } from '../src/core/command.js';
import { ZapcastError } from '../src/core/errors.js';
import { BREAKER_REASON_PREFIX } from '../src/safety/session-guard.js';

export default defineCommand({
  name: 'breaker',
  description: "Answer the safety breaker of a WhatsApp number: resume, slow down (doubles the delays) or stop its paused campaigns",
  options: [
    { name: 'action', type: 'string', description: 'resume, slow-down or stop', required: true, choices: ['resume', 'slow-down', 'stop'] },
    { name: 'session', type: 'string', description: 'The WhatsApp number (session name)' },
  ],
  async run(ctx, args) {
    const { services } = ctx;
    const sender = services.dispatcher.resolve(args.optionalString('session'));
    const name = sender.transport.sessionName;
    const held = services.repos.campaigns.inStates(['paused'], name).filter((c) => c.stateReason?.startsWith(BREAKER_REASON_PREFIX));
    const action = args.string('action');
    if (held.length === 0 && sender.guard?.breaker.state !== 'tripped') {
      throw new ZapcastError(`The breaker of WhatsApp ${name} has not tripped; nothing is held.`);
    }
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
