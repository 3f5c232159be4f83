import type { Message } from 'telegraf/types';
import type { ChatPlace } from '../chat-policy.js';
import { formatAddress } from './chat-address.js';

/** Where a message was written: the chat as the policy sees it, and the address answers go to (its forum topic included). */
export interface TelegramPlace {
  place: ChatPlace;
  address: string;
}

export function placeOf(message: Pick<Message, 'chat'> & { message_thread_id?: number; is_topic_message?: boolean }): TelegramPlace {
  const chatId = String(message.chat.id);
  // In a forum, answers go to the topic the message is in; elsewhere a thread id only marks a reply chain.
  const threadId = message.is_topic_message ? message.message_thread_id : undefined;
  return { place: { chatId, kind: message.chat.type === 'private' ? 'private' : 'group' }, address: formatAddress(chatId, threadId) };
}

/** When the person sent it, in ms (Telegram gives seconds). */
export function sentAtOf(message: Pick<Message, 'date'>): number {
  return message.date * 1000;
}
