import { ChannelType, Routes, ThreadAutoArchiveDuration, type REST } from 'discord.js';
import type { Logger } from 'pino';
import type { Repositories } from '../../db/repositories.js';
import type { InboxForward } from '../../inbox/inbox-recorder.js';

/**
 * A thread per contact in DISCORD_INBOX_CHANNEL: the first message of a
 * contact opens theirs, later ones follow it there. Where threads cannot be
 * opened (a DM, missing permissions) the forwards go to the channel itself.
 */
export class InboxThreads {
  constructor(
    private readonly deps: { rest: () => REST; repos: Repositories; logger: Logger; inboxChannel: string | undefined },
  ) {}

  async placeFor(channelId: string, forward: InboxForward): Promise<string> {
    if (channelId !== this.deps.inboxChannel) return channelId;
    const { repos, logger } = this.deps;
    const known = repos.inbox.thread('discord', channelId, forward.phone);
    if (known) return known;
    try {
      const name = (forward.name ? `${forward.name} ${forward.phone}` : forward.phone).slice(0, 100);
      const thread = (await this.deps.rest().post(Routes.threads(channelId), {
        body: { name, type: ChannelType.PublicThread, auto_archive_duration: ThreadAutoArchiveDuration.OneWeek },
      })) as { id: string };
      repos.inbox.setThread('discord', channelId, forward.phone, thread.id);
      return thread.id;
    } catch (error) {
      logger.warn({ err: error, channelId }, 'no thread could be opened for an inbox contact; the forward goes to the channel');
      return channelId;
    }
  }
}
