import { extname } from 'node:path';
import type { Message, User } from 'telegraf/types';
import type { Actor } from '../../core/command.js';

/** A file a user sent, as Telegram describes it; nothing is downloaded yet. */
export interface TelegramFile {
  fileId: string;
  fileName: string;
  size: number | undefined;
  mimeType: string | undefined;
}

export type Incoming =
  /** `addressed`: written /command@this_bot, so meant for zapcast even in a group with other bots. */
  | { kind: 'command'; command: string; text: string; files: TelegramFile[]; addressed: boolean }
  /** Not a command, but worth an answer in a private chat (a stray file, plain text). */
  | { kind: 'chatter'; hint: string }
  /** Nothing to do: service messages, stickers, commands for another bot. */
  | { kind: 'ignore' };

/** Spreadsheet-like files that, sent without a caption, mean "import this". */
const CONTACT_FILES = new Set(['.csv', '.tsv', '.xlsx', '.vcf']);

export const FILE_HINT =
  'To import contacts, send a .csv, .xlsx or .vcf file (no caption needed). To send a picture or document with a campaign, send it with the caption /send <list> <message>, or reply to it with /send <list> <message>.';
export const TEXT_HINT = 'Commands start with /, for example /help.';

function fileOf(message: Message): TelegramFile | undefined {
  if ('document' in message && message.document) {
    const doc = message.document;
    return { fileId: doc.file_id, fileName: doc.file_name ?? `document-${doc.file_unique_id}`, size: doc.file_size, mimeType: doc.mime_type };
  }
  if ('photo' in message && message.photo && message.photo.length > 0) {
    // Telegram lists a photo in several sizes, smallest first.
    const largest = message.photo[message.photo.length - 1]!;
    return { fileId: largest.file_id, fileName: `photo-${largest.file_unique_id}.jpg`, size: largest.file_size, mimeType: 'image/jpeg' };
  }
  return undefined;
}

function textOf(message: Message): string | undefined {
  if ('text' in message && typeof message.text === 'string') return message.text;
  if ('caption' in message && typeof message.caption === 'string') return message.caption;
  return undefined;
}

const COMMAND = /^\/([A-Za-z0-9_][\w-]*)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/;

/**
 * What a message asks for: a command from its text or caption (with the file
 * it carries, or the file of the message it replies to), an import of a bare
 * contacts file, or nothing.
 */
export function readMessage(message: Message, botUsername: string): Incoming {
  const own = fileOf(message);
  const text = textOf(message)?.trim();
  if (text && text.startsWith('/')) {
    const match = COMMAND.exec(text);
    if (!match) return { kind: 'chatter', hint: TEXT_HINT };
    const addressee = match[2];
    if (addressee && addressee.toLowerCase() !== botUsername.toLowerCase()) return { kind: 'ignore' };
    const replied = 'reply_to_message' in message && message.reply_to_message ? fileOf(message.reply_to_message as Message) : undefined;
    const file = own ?? replied;
    return { kind: 'command', command: match[1]!.toLowerCase(), text: (match[3] ?? '').trim(), files: file ? [file] : [], addressed: addressee !== undefined };
  }
  if (own) {
    const isDocument = 'document' in message;
    if (!text && isDocument && CONTACT_FILES.has(extname(own.fileName).toLowerCase())) return { kind: 'command', command: 'import', text: '', files: [own], addressed: false };
    return { kind: 'chatter', hint: FILE_HINT };
  }
  if (text) return { kind: 'chatter', hint: TEXT_HINT };
  return { kind: 'ignore' };
}

export function actorOf(user: User): Actor {
  const name = user.username ? `@${user.username}` : [user.first_name, user.last_name].filter(Boolean).join(' ');
  return { id: String(user.id), name: name || String(user.id) };
}
