import { defineCommand, text, type Button } from '../src/core/command.js';
import { describePace } from '../src/safety/pace-factor.js';
import { describeLink } from '../src/whatsapp/link-summary.js';

export default defineCommand({
  name: 'sessions',
  description: 'The WhatsApp numbers: link state, sends today against the cap, pacing and breaker',
  readOnly: true,
  options: [],
  async run(ctx) {
    const { services } = ctx;
    const now = services.clock.now();
    const lines = services.dispatcher.sessionNames().map((name) => {
      const sender = services.dispatcher.session(name)!;
      const stored = services.repos.waSessions.get(name);
      const cap = sender.dailyCap.capToday(now);
      const factor = services.repos.waSessions.paceFactor(name);
      const parts = [
        `${name}${stored?.phone ? ` (${stored.phone})` : ''}: ${describeLink(sender.transport, now)}`,
        `sent today ${sender.dailyCap.sentToday(now)}${cap > 0 ? ` of ${cap}` : ''}`,
      ];
      if (cap > 0 && cap < services.config.dailyCap) parts.push(`warming up towards ${services.config.dailyCap}/day`);
      parts.push(describePace(factor));
      if (sender.guard?.breaker.state === 'tripped') parts.push(`breaker tripped: ${sender.guard.breaker.tripReason}`);
      return parts.join('; ');
    });
    // Each number that was slowed down gets its way back.
    const undo: Button[] = services.dispatcher
      .sessionNames()
      .filter((name) => services.repos.waSessions.paceFactor(name) !== 1)
      .map((name) => ({ label: `Normal pace (${name})`, command: `/breaker normal-pace ${name}` }));
    return text(`${services.dryRun ? '[DRY RUN] ' : ''}${lines.join('\n')}`, undo.length > 0 ? undo : undefined);
  },
});
