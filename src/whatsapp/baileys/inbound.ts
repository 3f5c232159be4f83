import { getContentType, isLidUser, isPnUser, normalizeMessageContent, type WAMessageKey, type proto } from 'baileys';
import { jidToPhone } from '../transport.js';
import type { InboundKind } from '../../db/repos/inbox-repo.js';

/** Message kinds that are protocol traffic, not something a person wrote. */
const NOT_A_REPLY = new Set<string>([
  'protocolMessage',
  'reactionMessage',
  'encReactionMessage',
  'pollUpdateMessage',
  'keepInChatMessage',
  'pinInChatMessage',
  'senderKeyDistributionMessage',
  'messageContextInfo',
]);

/**
 * What the person wrote: the text, or a caption, or the label of a button they
 * pressed; '' for a reply without text (a sticker, a voice note). Undefined
 * for protocol traffic (reactions, edits, deletions, key exchanges).
 */
export function replyText(message: proto.IMessage | null | undefined): string | undefined {
  const content = normalizeMessageContent(message);
  const type = getContentType(content);
  if (!content || !type || NOT_A_REPLY.has(type)) return undefined;
  return (
    content.conversation ??
    content.extendedTextMessage?.text ??
    content.imageMessage?.caption ??
    content.videoMessage?.caption ??
    content.documentMessage?.caption ??
    content.buttonsResponseMessage?.selectedDisplayText ??
    content.templateButtonReplyMessage?.selectedDisplayText ??
    content.listResponseMessage?.title ??
    content.interactiveResponseMessage?.body?.text ??
    ''
  );
}

/** What kind of message a person sent: media are shown as "[image] caption" in the inbox. */
export function inboundKind(message: proto.IMessage | null | undefined): InboundKind {
  const content = normalizeMessageContent(message);
  if (content?.imageMessage) return 'image';
  if (content?.audioMessage) return 'audio';
  if (content?.videoMessage || content?.ptvMessage) return 'video';
  if (content?.documentMessage || content?.documentWithCaptionMessage) return 'document';
  if (content?.stickerMessage) return 'sticker';
  return 'text';
}

/**
 * The sender's E.164 phone for a one-to-one chat, whether WhatsApp addressed it
 * by phone JID or by LID: first the alternate JID the message carries, then the
 * socket's LID mapping store. Undefined for groups, broadcasts and channels, or
 * a LID nobody can map yet.
 */
export async function senderPhone(key: WAMessageKey, pnForLid: (lid: string) => Promise<string | null>): Promise<string | undefined> {
  const chat = key.remoteJid ?? undefined;
  if (isPnUser(chat)) return jidToPhone(chat!);
  if (!isLidUser(chat)) return undefined;
  const alternate = [key.remoteJidAlt, key.participantAlt].find((jid) => isPnUser(jid));
  if (alternate) return jidToPhone(alternate);
  const mapped = await pnForLid(chat!);
  return mapped && isPnUser(mapped) ? jidToPhone(mapped) : undefined;
}

/** Message ids already seen, oldest forgotten first; a reconnect may deliver the same message again. */
export class SeenIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  /** True the first time `id` is offered. */
  first(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}

