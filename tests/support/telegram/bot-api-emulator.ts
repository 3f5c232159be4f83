import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callMethod, type MethodAnswer, type Params, type UploadedFile } from './emulator-methods.js';
import { EmulatorState, type EmulatorChat, type EmulatorUser, type StoredMessage } from './emulator-state.js';
import { parseMultipart } from '../multipart.js';
import { waitForChange } from '../wait-for-change.js';

export type { EmulatorChat, EmulatorUser, StoredMessage } from './emulator-state.js';

export interface EmulatorOptions {
  token?: string;
  botUsername?: string;
  /** The server closes itself after this long, whatever the test did. */
  maxLifetimeMs?: number;
  /** Listen on this port (a test that starts the bot before Telegram is reachable); default any free one. */
  port?: number;
}

/** Where a user's message goes and when they wrote it. */
export interface UserMessageOptions {
  chat?: EmulatorChat;
  /** The forum topic (message_thread_id) it is written in. */
  threadId?: number;
  /** Written this many seconds ago (it waited on Telegram while the bot was away). */
  ageSeconds?: number;
}

interface Waiter {
  offset: number;
  limit: number;
  answer(updates: unknown[]): void;
}

const LONG_POLL_CAP_MS = 60_000;

/**
 * A Telegram Bot API stand-in on 127.0.0.1 for tests and benches: long polling,
 * messages, edits, deletions, photo and document uploads (bytes kept), file
 * downloads, callback answers and the command menu. Tests play the users:
 * they send messages and files and press buttons, and can make a method
 * answer 429 with a retry_after.
 */
export class BotApiEmulator {
  readonly state: EmulatorState;
  readonly token: string;
  private readonly changes = new EventEmitter();
  private readonly waiters = new Set<Waiter>();
  private readonly failures = new Map<string, { answer: MethodAnswer; when: (params: Params) => boolean }[]>();
  private readonly hangs = new Map<string, number>();
  private readonly lifetime: NodeJS.Timeout;
  private closed = false;

  private constructor(
    private readonly server: Server,
    options: EmulatorOptions,
  ) {
    this.token = options.token ?? '123456:TEST-TOKEN';
    this.state = new EmulatorState({ id: Number(this.token.split(':')[0]), first_name: 'zapcast', username: options.botUsername ?? 'zapcast_test_bot', is_bot: true });
    this.changes.setMaxListeners(0);
    this.lifetime = setTimeout(() => void this.close(), options.maxLifetimeMs ?? 300_000);
    this.lifetime.unref();
  }

  static async start(options: EmulatorOptions = {}): Promise<BotApiEmulator> {
    let emulator: BotApiEmulator | undefined;
    const server = createServer((req, res) => {
      emulator!.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error_code: 500, description: `emulator: ${String(error)}` }));
      });
    });
    emulator = new BotApiEmulator(server, options);
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    return emulator;
  }

  /** The API root to give the bot (TELEGRAM_API_ROOT). */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  private changed(): void {
    this.changes.emit('change');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch) return this.download(res, fileMatch[1]!, decodeURIComponent(fileMatch[2]!));
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!match) return this.respond(res, { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } });
    const [, token, method] = match as unknown as [string, string, string];
    const { params, upload } = await this.readBody(req);
    if (token !== this.token) return this.record(res, method, params, { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
    const hangs = this.hangs.get(method) ?? 0;
    if (hangs > 0) {
      // Never answered: a connection that went dead without closing.
      this.hangs.set(method, hangs - 1);
      this.state.calls.push({ method, at: Date.now(), params, status: 0 });
      this.changed();
      return;
    }
    const failures = this.failures.get(method) ?? [];
    const failure = failures.findIndex((f) => f.when(params));
    if (failure !== -1) return this.record(res, method, params, failures.splice(failure, 1)[0]!.answer);
    if (method === 'getUpdates') return this.getUpdates(res, params);
    this.record(res, method, params, callMethod(this.state, method, params, upload));
  }

  private async readBody(req: IncomingMessage): Promise<{ params: Params; upload: UploadedFile | undefined }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    if (body.length === 0) return { params: {}, upload: undefined };
    if (type.startsWith('multipart/form-data')) {
      const params: Params = {};
      let upload: UploadedFile | undefined;
      for (const part of parseMultipart(body, type)) {
        if (part.fileName !== undefined) upload = { fileName: part.fileName, bytes: part.body };
        else params[part.name] = part.body.toString('utf8');
      }
      return { params, upload };
    }
    return { params: JSON.parse(body.toString('utf8')) as Params, upload: undefined };
  }

  private respond(res: ServerResponse, answer: MethodAnswer): void {
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  }

  private record(res: ServerResponse, method: string, params: Params, answer: MethodAnswer): void {
    this.state.calls.push({ method, at: Date.now(), params, status: answer.status });
    this.respond(res, answer);
    this.changed();
  }

  private download(res: ServerResponse, token: string, path: string): void {
    const file = token === this.token ? [...this.state.files.values()].find((f) => f.path === path) : undefined;
    this.state.calls.push({ method: 'download', at: Date.now(), params: { path }, status: file ? 200 : 404 });
    if (!file) {
      res.writeHead(404).end();
    } else {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length });
      res.end(file.bytes);
    }
    this.changed();
  }

  private ready(offset: number, limit: number): unknown[] {
    return this.state.updates.filter((u) => u.update_id >= offset).slice(0, limit);
  }

  private getUpdates(res: ServerResponse, params: Params): void {
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(100, Number(params.limit ?? 100) || 100);
    const timeoutMs = Math.min(LONG_POLL_CAP_MS, Number(params.timeout ?? 0) * 1000);
    // An offset confirms every update before it: Telegram forgets them.
    if (offset > 0) {
      const keep = this.state.updates.filter((u) => u.update_id >= offset);
      this.state.updates.splice(0, this.state.updates.length, ...keep);
    }
    const answer = (updates: unknown[]) => this.record(res, 'getUpdates', params, { status: 200, body: { ok: true, result: updates } });
    const now = this.ready(offset, limit);
    if (now.length > 0 || timeoutMs <= 0 || this.closed) return answer(now);
    const waiter: Waiter = {
      offset,
      limit,
      answer: (updates) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        if (!res.writableEnded && !res.destroyed) answer(updates);
      },
    };
    const timer = setTimeout(() => waiter.answer([]), timeoutMs);
    this.waiters.add(waiter);
    // The bot gave up on the request (it is stopping): forget it.
    res.on('close', () => {
      clearTimeout(timer);
      this.waiters.delete(waiter);
    });
  }

  private deliver(update: Record<string, unknown>): void {
    this.state.pushUpdate(update);
    for (const waiter of [...this.waiters]) {
      const ready = this.ready(waiter.offset, waiter.limit);
      if (ready.length > 0) waiter.answer(ready);
    }
    this.changed();
  }

  // --- the users' side -------------------------------------------------------

  private userMessage(from: EmulatorUser, where: UserMessageOptions, fields: Partial<StoredMessage> & Pick<StoredMessage, 'kind'>): StoredMessage {
    const message = this.state.addMessage(
      {
        chat: where.chat ?? { id: from.id, type: 'private' },
        from,
        text: undefined,
        caption: undefined,
        buttons: [],
        file: undefined,
        fileName: undefined,
        mimeType: undefined,
        replyTo: undefined,
        threadId: where.threadId,
        ...fields,
      },
      where.ageSeconds,
    );
    this.deliver({ message: this.state.toJson(message) });
    return message;
  }

  /** A user types a message (in their private chat with the bot unless `chat` says otherwise). */
  sendText(from: EmulatorUser, text: string, options: UserMessageOptions & { replyTo?: number } = {}): StoredMessage {
    return this.userMessage(from, options, { kind: 'text', text, replyTo: options.replyTo });
  }

  /** A user edits a message they sent: Telegram delivers it again as an edited_message. */
  editText(from: EmulatorUser, messageId: number, text: string): StoredMessage {
    const message = this.state.messages.get(messageId);
    if (!message || message.from.id !== from.id) throw new Error(`message ${messageId} is not ${from.first_name}'s to edit`);
    message.text = text;
    message.edits.push({ at: Date.now(), text, buttons: message.buttons });
    this.deliver({ edited_message: { ...this.state.toJson(message), edit_date: Math.floor(Date.now() / 1000) } });
    return message;
  }

  /** A user sends a file as a document; `reportedSize` makes Telegram claim a different size. */
  sendDocument(
    from: EmulatorUser,
    input: UserMessageOptions & { fileName: string; bytes: Buffer; mimeType?: string; caption?: string; reportedSize?: number },
  ): StoredMessage {
    const file = this.state.storeFile(input.bytes, input.fileName, input.reportedSize);
    return this.userMessage(from, input, { kind: 'document', file, fileName: input.fileName, mimeType: input.mimeType, caption: input.caption });
  }

  /** A user sends a photo, optionally with a caption. */
  sendPhoto(from: EmulatorUser, input: UserMessageOptions & { bytes: Buffer; caption?: string }): StoredMessage {
    const file = this.state.storeFile(input.bytes, 'photo.jpg');
    return this.userMessage(from, input, { kind: 'photo', file, mimeType: 'image/jpeg', caption: input.caption });
  }

  /**
   * A user presses the button labelled `label` on a bot message; returns the
   * callback query id. `data` replaces what the button carries (a stale or
   * forged button).
   */
  press(from: EmulatorUser, messageId: number, label: string, data?: string): string {
    const message = this.state.messages.get(messageId);
    if (!message || message.deleted) throw new Error(`message ${messageId} is not in the chat`);
    const button = message.buttons.flat().find((b) => b.text === label) ?? (data === undefined ? undefined : { text: label, callback_data: data });
    if (!button) throw new Error(`message ${messageId} has no button "${label}" (it has ${message.buttons.flat().map((b) => b.text).join(', ') || 'none'})`);
    const id = `cb-${this.state.pendingCallbacks.size + this.state.callbackAnswers.size + 1}-${messageId}`;
    this.state.pendingCallbacks.add(id);
    this.deliver({ callback_query: { id, from, message: this.state.toJson(message), chat_instance: String(message.chat.id), data: data ?? button.callback_data } });
    return id;
  }

  /**
   * The next `times` calls of `method` (only those `when` picks, if given)
   * answer 429 Too Many Requests with this retry_after (seconds).
   */
  failNext(method: string, retryAfter: number, times = 1, when?: (params: Params) => boolean): void {
    const description = `Too Many Requests: retry after ${retryAfter}`;
    for (let i = 0; i < times; i++) this.breakNext(method, { status: 429, body: { ok: false, error_code: 429, description, parameters: { retry_after: retryAfter } } }, when);
  }

  /** The next `times` calls of `method` are never answered (a connection that died silently). */
  hangNext(method: string, times = 1): void {
    this.hangs.set(method, (this.hangs.get(method) ?? 0) + times);
  }

  /**
   * The next call of `method` (the next one `when` picks, if given) gets this
   * answer instead (a 500, a 400 with some description...). With `when`, a test
   * breaks the call it means and not whichever the bot happens to make first.
   */
  breakNext(method: string, answer: MethodAnswer, when: (params: Params) => boolean = () => true): void {
    const queue = this.failures.get(method) ?? [];
    queue.push({ answer, when });
    this.failures.set(method, queue);
  }

  // --- what tests look at ----------------------------------------------------

  /** Messages the bot sent to a chat, oldest first (deleted ones included, marked). */
  botMessages(chatId: number): StoredMessage[] {
    return [...this.state.messages.values()].filter((m) => m.chat.id === chatId && m.from.id === this.state.bot.id);
  }

  /** The bot's messages still in the chat. */
  visible(chatId: number): StoredMessage[] {
    return this.botMessages(chatId).filter((m) => !m.deleted);
  }

  /** The command menu a chat shows: the one set for that chat, else the default one. */
  menuFor(chatId: number): string[] {
    return (this.state.menus.get(`chat:${chatId}`) ?? this.state.menus.get('default') ?? []).map((c) => c.command);
  }

  callsOf(method: string): EmulatorState['calls'] {
    return this.state.calls.filter((c) => c.method === method);
  }

  /**
   * Resolves with the first truthy value of `probe`, checked after every call
   * the bot makes and every few milliseconds (for state outside the emulator).
   */
  waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
    return waitForChange(this.changes, probe, {
      what,
      timeoutMs,
      recent: () => `last calls: ${this.state.calls.slice(-8).map((c) => `${c.method}:${c.status}`).join(', ')}`,
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.lifetime);
    for (const waiter of [...this.waiters]) waiter.answer([]);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
