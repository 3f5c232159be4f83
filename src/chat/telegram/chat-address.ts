/**
 * Where a Telegram message goes: a chat and, in a forum supergroup, one of
 * its topics. Everything above the Bot API (progress views, QR photos,
 * command queues) keys its work by a chat id string; writing the topic into
 * that string ("-1001234567890/42") makes them all follow the topic a
 * command came from without knowing what a topic is.
 */
export interface ChatAddress {
  chatId: string;
  /** message_thread_id of a forum topic. */
  threadId: number | undefined;
}

const SEPARATOR = '/';

export function formatAddress(chatId: string | number, threadId?: number): string {
  return threadId === undefined ? String(chatId) : `${chatId}${SEPARATOR}${threadId}`;
}

export function parseAddress(address: string): ChatAddress {
  const at = address.indexOf(SEPARATOR);
  if (at === -1) return { chatId: address, threadId: undefined };
  return { chatId: address.slice(0, at), threadId: Number(address.slice(at + 1)) };
}

/** Private chats have the user's (positive) id; groups, supergroups and channels negative ones. */
export function isGroupChat(chatId: string): boolean {
  return chatId.startsWith('-');
}
