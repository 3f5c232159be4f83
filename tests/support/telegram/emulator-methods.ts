import type { EmulatorState, InlineButton, StoredMessage } from './emulator-state.js';

export interface MethodAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** A file field of a multipart request. */
export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

export type Params = Record<string, unknown>;

const ok = (result: unknown): MethodAnswer => ({ status: 200, body: { ok: true, result } });
const fail = (status: number, description: string): MethodAnswer => ({ status, body: { ok: false, error_code: status, description } });

function markupOf(value: unknown): InlineButton[][] {
  const markup = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (!markup || typeof markup !== 'object' || !('inline_keyboard' in markup)) return [];
  return (markup as { inline_keyboard: InlineButton[][] }).inline_keyboard.filter((row) => row.length > 0);
}

const sameButtons = (a: InlineButton[][], b: InlineButton[][]) => JSON.stringify(a) === JSON.stringify(b);

/** A UTF-16 surrogate without its other half: what cutting an emoji in two leaves. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Telegram refuses text that is not valid Unicode, as the real API does. */
function badText(...values: unknown[]): MethodAnswer | undefined {
  if (values.some((value) => typeof value === 'string' && LONE_SURROGATE.test(value))) return fail(400, 'Bad Request: text must be encoded in UTF-8');
  return undefined;
}

const objectOf = (value: unknown): Record<string, unknown> | undefined =>
  (typeof value === 'string' ? (JSON.parse(value) as unknown) : value) as Record<string, unknown> | undefined;

function replyTarget(params: Params): number | undefined {
  const parameters = objectOf(params.reply_parameters);
  const id = parameters?.message_id ?? params.reply_to_message_id;
  return id === undefined ? undefined : Number(id);
}

function menuKey(params: Params): string {
  const scope = objectOf(params.scope);
  if (!scope || scope.type === 'default') return 'default';
  return scope.chat_id === undefined ? String(scope.type) : `chat:${Number(scope.chat_id)}`;
}

function findMessage(state: EmulatorState, params: Params): StoredMessage | undefined {
  const message = state.messages.get(Number(params.message_id));
  if (!message || message.deleted || message.chat.id !== Number(params.chat_id)) return undefined;
  return message;
}

function chatOf(state: EmulatorState, chatId: unknown): StoredMessage['chat'] {
  const id = Number(chatId);
  for (const message of state.messages.values()) if (message.chat.id === id) return message.chat;
  return { id, type: id > 0 ? 'private' : 'group' };
}

function send(state: EmulatorState, params: Params, kind: StoredMessage['kind'], upload?: UploadedFile): MethodAnswer {
  if (params.chat_id === undefined || params.chat_id === '') return fail(400, 'Bad Request: chat_id is empty');
  if (kind === 'text' && !String(params.text ?? '')) return fail(400, 'Bad Request: message text is empty');
  if (kind === 'text' && String(params.text).length > 4096) return fail(400, 'Bad Request: message is too long');
  const refused = badText(params.text, params.caption);
  if (refused) return refused;
  if (kind !== 'text' && !upload) return fail(400, `Bad Request: there is no ${kind} in the request`);
  const file = upload ? state.storeFile(upload.bytes, upload.fileName) : undefined;
  const message = state.addMessage({
    chat: chatOf(state, params.chat_id),
    from: state.bot,
    kind,
    text: kind === 'text' ? String(params.text) : undefined,
    caption: params.caption === undefined ? undefined : String(params.caption),
    buttons: markupOf(params.reply_markup),
    file,
    fileName: upload?.fileName,
    mimeType: kind === 'photo' ? 'image/png' : undefined,
    replyTo: replyTarget(params),
    threadId: params.message_thread_id === undefined ? undefined : Number(params.message_thread_id),
  });
  return ok(state.toJson(message));
}

function editText(state: EmulatorState, params: Params): MethodAnswer {
  const message = findMessage(state, params);
  if (!message) return fail(400, 'Bad Request: message to edit not found');
  if (message.kind !== 'text') return fail(400, 'Bad Request: there is no text in the message to edit');
  const text = String(params.text ?? '');
  const refused = badText(text);
  if (refused) return refused;
  const buttons = markupOf(params.reply_markup);
  if (text === message.text && sameButtons(buttons, message.buttons)) {
    return fail(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
  }
  message.text = text;
  message.buttons = buttons;
  message.edits.push({ at: Date.now(), text, buttons });
  return ok(state.toJson(message));
}

function editMarkup(state: EmulatorState, params: Params): MethodAnswer {
  const message = findMessage(state, params);
  if (!message) return fail(400, 'Bad Request: message to edit not found');
  const buttons = markupOf(params.reply_markup);
  if (sameButtons(buttons, message.buttons)) return fail(400, 'Bad Request: message is not modified');
  message.buttons = buttons;
  message.edits.push({ at: Date.now(), text: message.text, buttons });
  return ok(state.toJson(message));
}

/** The Bot API methods zapcast uses, answered as Telegram answers them (errors included). */
export function callMethod(state: EmulatorState, method: string, params: Params, upload?: UploadedFile): MethodAnswer {
  switch (method) {
    case 'getMe':
      return ok(state.bot);
    case 'deleteWebhook':
    case 'sendChatAction':
      return ok(true);
    case 'setMyCommands': {
      const commands = (typeof params.commands === 'string' ? JSON.parse(params.commands) : params.commands) as { command: string; description: string }[];
      const refused = badText(...commands.map((c) => c.description));
      if (refused) return refused;
      state.menus.set(menuKey(params), commands);
      return ok(true);
    }
    case 'deleteMyCommands':
      state.menus.delete(menuKey(params));
      return ok(true);
    case 'getMyCommands':
      return ok(state.menus.get(menuKey(params)) ?? []);
    case 'sendMessage':
      return send(state, params, 'text');
    case 'sendPhoto':
      return send(state, params, 'photo', upload);
    case 'sendDocument':
      return send(state, params, 'document', upload);
    case 'editMessageText':
      return editText(state, params);
    case 'editMessageReplyMarkup':
      return editMarkup(state, params);
    case 'deleteMessage': {
      const message = findMessage(state, params);
      if (!message) return fail(400, 'Bad Request: message to delete not found');
      message.deleted = true;
      message.deletedAt = Date.now();
      return ok(true);
    }
    case 'answerCallbackQuery': {
      const id = String(params.callback_query_id ?? '');
      const refused = badText(params.text);
      if (refused) return refused;
      if (!state.pendingCallbacks.delete(id)) return fail(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
      state.callbackAnswers.set(id, { text: params.text === undefined ? undefined : String(params.text), showAlert: params.show_alert === true || params.show_alert === 'true', at: Date.now() });
      return ok(true);
    }
    case 'createForumTopic': {
      const chat = chatOf(state, params.chat_id);
      if (!chat.is_forum) return fail(400, 'Bad Request: the chat is not a forum');
      const name = String(params.name ?? '');
      if (name.length < 1 || name.length > 128) return fail(400, 'Bad Request: TOPIC_TITLE_EMPTY');
      // A topic's id is the id of the service message that opens it; the emulator keeps that message deleted, so no test sees it as the bot's text.
      const opening = state.addMessage({ chat, from: state.bot, kind: 'text', text: undefined, caption: undefined, buttons: [], file: undefined, fileName: undefined, mimeType: undefined, replyTo: undefined, threadId: undefined });
      opening.deleted = true;
      opening.threadId = opening.messageId;
      return ok({ message_thread_id: opening.messageId, name, icon_color: 7322096 });
    }
    case 'getFile': {
      const file = state.files.get(String(params.file_id ?? ''));
      if (!file) return fail(400, 'Bad Request: invalid file_id');
      return ok({ file_id: file.fileId, file_unique_id: file.uniqueId, file_size: file.reportedSize, file_path: file.path });
    }
    default:
      return fail(404, 'Not Found');
  }
}
