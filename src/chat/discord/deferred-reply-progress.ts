import type { ChatInputCommandInteraction } from 'discord.js';
import type { Logger } from 'pino';
import type { AppServices } from '../../app-services.js';
import { ThrottledMessage } from '../throttled-message.js';
import { interactionChat, type DiscordSurface } from './discord-surface.js';

const describe = (rows: number) => `Importing… ${rows.toLocaleString('en-US')} rows read so far.`;

/**
 * A long import shows how far it got in its own deferred answer (Discord
 * shows "thinking…" until then), edited as rows come in; the report replaces it.
 */
export class DeferredReplyProgress {
  private message: ThrottledMessage | undefined;
  private rows = 0;
  private readonly unsubscribe: () => void;

  constructor(deps: { services: AppServices; surface: DiscordSurface; logger: Logger; editIntervalMs: number }, interaction: ChatInputCommandInteraction) {
    const { services, surface, logger, editIntervalMs } = deps;
    this.unsubscribe = services.events.on('import.progress', ({ key, rows }) => {
      if (key !== interaction.channelId) return;
      this.rows = rows;
      this.message ??= new ThrottledMessage({
        messageId: '@original',
        shown: { text: '', buttons: [] },
        render: () => ({ text: describe(this.rows), buttons: [] }),
        edit: (id, content) => surface.editText(interactionChat(interaction.token), id, content.text),
        clock: services.clock,
        intervalMs: editIntervalMs,
        onError: (error) => logger.warn({ err: error }, 'import progress not shown'),
      });
      this.message.touch();
    });
  }

  /** Stops following, once the last edit is done, so the answer is not overwritten. */
  async end(): Promise<void> {
    this.unsubscribe();
    this.message?.close();
    await this.message?.settled();
  }
}
