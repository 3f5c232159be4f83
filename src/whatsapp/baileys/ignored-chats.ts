import { isJidBroadcast, isJidGroup, isJidNewsletter } from 'baileys';

/**
 * Chats a bulk sender never needs: groups, status updates and broadcast
 * lists, channels. Baileys acknowledges their traffic without decrypting it,
 * so no sender key is stored (and fsynced) for every group message the phone's
 * owner receives. Replies come in one-to-one chats, which stay.
 */
export function isIgnoredChat(jid: string): boolean {
  return Boolean(isJidGroup(jid) || isJidBroadcast(jid) || isJidNewsletter(jid));
}
