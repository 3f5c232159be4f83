import type { Logger } from 'pino';
import type { Repositories } from '../../db/repositories.js';
import type { InboxForward } from '../../inbox/inbox-recorder.js';
import type { BotApi } from './bot-api.js';
import { formatAddress, isGroupChat, parseAddress } from './chat-address.js';

/**
 * A forum topic per contact in the inbox chat, when that chat is a forum
 * supergroup: the first message of a contact opens theirs, and anything an
 * operator writes there answers that contact. A chat that refuses topics
 * (a plain group, a private chat) gets the forwards in the chat itself.
 */
export class InboxTopics {
  private readonly notForums = new Set<string>();

  constructor(private readonly deps: { api: BotApi; repos: Repositories; logger: Logger }) {}

  async placeFor(chatId: string, forward: InboxForward): Promise<string> {
    if (!isGroupChat(chatId) || this.notForums.has(chatId)) return chatId;
    const { repos, api, logger } = this.deps;
    const known = repos.inbox.thread('telegram', chatId, forward.phone);
    // Kept as the whole address ("chat/topic"), which is how messages written in the topic come in.
    if (known) return known;
    try {
      const threadId = await api.createTopic(chatId, forward.name ? `${forward.name} ${forward.phone}` : forward.phone);
      const address = formatAddress(chatId, threadId);
      repos.inbox.setThread('telegram', chatId, forward.phone, address);
      return address;
    } catch (error) {
      logger.info({ err: error, chatId }, 'the inbox chat takes no topics; forwards go to the chat itself');
      this.notForums.add(chatId);
      return chatId;
    }
  }

  /** The contact a message in the chat answers: the forward it replies to, or the topic it is written in. */
  answerTo(address: string, repliedMessageId: number | undefined): string | undefined {
    const { repos } = this.deps;
    const replied = repliedMessageId === undefined ? undefined : repos.inbox.phoneOfChatMessage('telegram', address, String(repliedMessageId));
    if (replied) return replied;
    return parseAddress(address).threadId === undefined ? undefined : repos.inbox.phoneOfThread('telegram', address);
  }
}
