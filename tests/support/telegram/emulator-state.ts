import { randomBytes } from 'node:crypto';

export interface EmulatorUser {
  id: number;
  first_name: string;
  username?: string;
  is_bot?: boolean;
}

export interface EmulatorChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
  /** A supergroup with topics: messages carry a message_thread_id. */
  is_forum?: boolean;
}

export interface InlineButton {
  text: string;
  callback_data: string;
}

export interface StoredFile {
  fileId: string;
  uniqueId: string;
  path: string;
  bytes: Buffer;
  /** What getFile and the message report (a test may claim more than it sends). */
  reportedSize: number;
}

export interface MessageEdit {
  at: number;
  text: string | undefined;
  buttons: InlineButton[][];
}

/** A message in a chat, from a user or from the bot, with its history. */
export interface StoredMessage {
  messageId: number;
  chat: EmulatorChat;
  from: EmulatorUser;
  date: number;
  sentAt: number;
  kind: 'text' | 'photo' | 'document';
  text: string | undefined;
  caption: string | undefined;
  buttons: InlineButton[][];
  file: StoredFile | undefined;
  fileName: string | undefined;
  mimeType: string | undefined;
  replyTo: number | undefined;
  /** The forum topic it is in (message_thread_id). */
  threadId: number | undefined;
  deleted: boolean;
  deletedAt: number | undefined;
  edits: MessageEdit[];
}

export interface ApiCall {
  method: string;
  at: number;
  params: Record<string, unknown>;
  status: number;
}

/** Everything the emulator knows: messages both ways, files, pending updates, answers. */
export class EmulatorState {
  readonly messages = new Map<number, StoredMessage>();
  readonly files = new Map<string, StoredFile>();
  readonly updates: { update_id: number; [key: string]: unknown }[] = [];
  readonly calls: ApiCall[] = [];
  readonly callbackAnswers = new Map<string, { text: string | undefined; showAlert: boolean; at: number }>();
  readonly pendingCallbacks = new Set<string>();
  /** The command menus by scope: 'default', or 'chat:<id>' for one chat. */
  readonly menus = new Map<string, { command: string; description: string }[]>();
  private nextMessageId = 1;
  private nextUpdateId = 1;

  constructor(readonly bot: EmulatorUser) {}

  storeFile(bytes: Buffer, fileName: string, reportedSize = bytes.length): StoredFile {
    const uniqueId = randomBytes(6).toString('hex');
    const file: StoredFile = { fileId: `file-${uniqueId}`, uniqueId, path: `documents/${uniqueId}-${fileName}`, bytes, reportedSize };
    this.files.set(file.fileId, file);
    return file;
  }

  /** `ageSeconds` backdates the message (sent while the bot was away). */
  addMessage(input: Omit<StoredMessage, 'messageId' | 'date' | 'sentAt' | 'deleted' | 'deletedAt' | 'edits'>, ageSeconds = 0): StoredMessage {
    const now = Date.now();
    const message: StoredMessage = {
      ...input,
      messageId: this.nextMessageId++,
      date: Math.floor(now / 1000) - ageSeconds,
      sentAt: now,
      deleted: false,
      deletedAt: undefined,
      edits: [],
    };
    this.messages.set(message.messageId, message);
    return message;
  }

  pushUpdate(update: Record<string, unknown>): number {
    const id = this.nextUpdateId++;
    this.updates.push({ update_id: id, ...update });
    return id;
  }

  /** The Bot API's JSON form of a message. */
  toJson(message: StoredMessage): Record<string, unknown> {
    const json: Record<string, unknown> = { message_id: message.messageId, date: message.date, chat: message.chat, from: message.from };
    if (message.threadId !== undefined) {
      json.message_thread_id = message.threadId;
      json.is_topic_message = true;
    }
    if (message.kind === 'text') json.text = message.text;
    if (message.caption !== undefined) json.caption = message.caption;
    if (message.file && message.kind === 'document') {
      json.document = {
        file_id: message.file.fileId,
        file_unique_id: message.file.uniqueId,
        file_name: message.fileName,
        mime_type: message.mimeType,
        file_size: message.file.reportedSize,
      };
    }
    if (message.file && message.kind === 'photo') {
      json.photo = [{ file_id: message.file.fileId, file_unique_id: message.file.uniqueId, width: 512, height: 512, file_size: message.file.reportedSize }];
    }
    if (message.buttons.length > 0) json.reply_markup = { inline_keyboard: message.buttons };
    if (message.replyTo !== undefined) {
      const replied = this.messages.get(message.replyTo);
      if (replied) json.reply_to_message = this.toJson({ ...replied, replyTo: undefined });
    }
    return json;
  }
}
