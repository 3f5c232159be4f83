import { Boom } from '@hapi/boom';
import {
  DisconnectReason,
  getErrorCodeFromStreamError,
  jidDecode,
  jidEncode,
  generateWAMessage,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  S_WHATSAPP_NET,
  getUrlInfo,
  makeEventBuffer,
  proto,
  type AnyMessageContent,
  type AuthenticationCreds,
  type BaileysEventEmitter,
  type BinaryNode,
  type ConnectionState,
  type MiscMessageGenerationOptions,
  type ReachoutTimelockState,
  type USyncQuery,
  type USyncQueryResult,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAPresence,
} from 'baileys';
import pino from 'pino';
import type { BaileysSocket, SocketFactory } from '../../../src/whatsapp/baileys/socket-port.js';
import { FakeWhatsApp } from './fake-whatsapp.js';

export interface SentMessage {
  jid: string;
  content: AnyMessageContent;
  options: MiscMessageGenerationOptions | undefined;
  /** The message Baileys built and sent. */
  message: WAMessage;
}

const quiet = pino({ level: 'silent' });

/**
 * A Baileys socket without the network, built on Baileys' own event emitter
 * (makeEventBuffer) so events reach the transport exactly as they would from
 * the real socket, and closing the way the real one does: one 'close' update
 * carrying a Boom error, then every listener dropped.
 */
export class FakeSocket implements BaileysSocket {
  readonly ev: BaileysEventEmitter & { destroy(): void; removeAllListeners(event: string): void };
  readonly authState: { creds: AuthenticationCreds };
  readonly signalRepository;
  readonly sent: SentMessage[] = [];
  readonly resent: { jid: string; id: string; message: proto.IMessage }[] = [];
  /** Ids of incoming messages acknowledged without being read (Baileys' shouldIgnoreJid). */
  readonly ignored: string[] = [];
  /** Presence updates sent; a chat state (composing...) says whether WhatsApp showed it: only from an available account. */
  readonly presence: { type: WAPresence | 'subscribe'; jid: string | undefined; shown?: boolean }[] = [];
  /** The account's presence as WhatsApp sees it. */
  online = false;
  readonly pairingRequests: string[] = [];
  loggedOut = false;
  ended = false;

  constructor(
    readonly config: UserFacingSocketConfig,
    private readonly world: FakeWhatsApp,
  ) {
    this.ev = makeEventBuffer(quiet);
    this.authState = { creds: config.auth.creds };
    this.signalRepository = { lidMapping: { getPNForLID: async (lid: string) => world.lidToPn.get(lid) ?? null } };
    queueMicrotask(() => {
      this.update({ connection: 'connecting', receivedPendingNotifications: false, qr: undefined });
      // Creds with `me` make Baileys send a login, not a registration; WhatsApp refuses the login of a device it never linked.
      const { creds } = this.authState;
      if (creds.me && !creds.registered && !creds.account) this.failure(DisconnectReason.loggedOut);
    });
  }

  get user(): { id: string; lid?: string } | undefined {
    return this.authState.creds.me;
  }

  update(update: Partial<ConnectionState>): void {
    this.ev.emit('connection.update', update);
  }

  /** WhatsApp offers a login QR. */
  showQr(code: string): void {
    this.update({ qr: code });
  }

  /** The link is up, logged in as `phone` (digits). */
  open(phone = '5511900000001'): void {
    this.authState.creds.me = { id: `${phone}:7@s.whatsapp.net`, lid: '99887766@lid', name: 'Shop' };
    this.authState.creds.registered = true;
    this.ev.emit('creds.update', { me: this.authState.creds.me, registered: true });
    this.update({ connection: 'open' });
    // Once the pending notifications are in, Baileys announces the account as markOnlineOnConnect says.
    // As in Baileys, a failure here is only logged, never the caller's problem.
    this.sendPresenceUpdate(this.config.markOnlineOnConnect === false ? 'unavailable' : 'available').catch(() => undefined);
  }

  /** WhatsApp ends the stream with `<stream:error>` holding `reason`; closed with the Boom Baileys' handler builds. */
  streamError(reason: BinaryNode): void {
    const node: BinaryNode = { tag: 'stream:error', attrs: {}, content: [reason] };
    const { reason: name, statusCode } = getErrorCodeFromStreamError(node);
    void this.end(new Boom(`Stream Errored (${name})`, { statusCode, data: reason }));
  }

  /** WhatsApp refuses the connection with `<failure reason=...>`, as Baileys' CB:failure handler reports it. */
  failure(reason: number): void {
    void this.end(new Boom('Connection Failure', { statusCode: reason, data: { reason: String(reason), location: 'frc' } }));
  }

  /** The socket closes with `statusCode` as Baileys would report it. */
  drop(statusCode: number, message = 'Stream Errored'): void {
    void this.end(new Boom(message, { statusCode }));
  }

  async end(error: Error | undefined): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.update({ connection: 'close', lastDisconnect: { error, date: new Date() } });
    this.ev.removeAllListeners('connection.update');
    this.ev.destroy();
  }

  async logout(): Promise<void> {
    this.loggedOut = true;
    void this.end(new Boom('Intentional Logout', { statusCode: DisconnectReason.loggedOut }));
  }

  /** As Baileys does: the code and the phone go into the creds (creds.me), announced by creds.update. */
  async requestPairingCode(phoneNumber: string): Promise<string> {
    this.pairingRequests.push(phoneNumber);
    this.authState.creds.pairingCode = 'ZAPC4ST1';
    this.authState.creds.me = { id: jidEncode(phoneNumber, 's.whatsapp.net'), name: '~' };
    this.ev.emit('creds.update', this.authState.creds);
    return 'ZAPC4ST1';
  }

  /**
   * Builds the message with Baileys' own generateWAMessage, as the real
   * sendMessage does (media read from its file, encrypted and "uploaded" to
   * the fake media server; link previews through Baileys' getUrlInfo), and
   * returns it; the recent-message cache Baileys keeps for retries is
   * `recent`, good for 5 minutes.
   */
  async sendMessage(jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions): Promise<WAMessage | undefined> {
    if (this.world.sendError) throw this.world.sendError;
    await this.readRecipientKeys(jid);
    const message = await generateWAMessage(jid, content, {
      logger: quiet,
      userJid: this.authState.creds.me!.id,
      upload: this.world.upload,
      mediaCache: this.config.mediaCache,
      getUrlInfo: (text) => getUrlInfo(text, { thumbnailWidth: 192, fetchOpts: { timeout: 3000 }, logger: quiet }),
      messageId: 'generated',
      ...options,
    });
    this.sent.push({ jid, content, options, message });
    return message;
  }

  /**
   * WhatsApp delivers a message, handled as Baileys' processNode does: a chat
   * shouldIgnoreJid names is acknowledged and dropped before anything else;
   * otherwise it is decrypted (a group or broadcast message stores the sender
   * key it carries, a one-to-one one reads the sender's session) and emitted.
   */
  async receive(message: { from: string; participant?: string; id: string; text: string }): Promise<'ignored' | 'delivered'> {
    const { from, participant, id, text } = message;
    if (from !== S_WHATSAPP_NET && this.config.shouldIgnoreJid?.(from)) {
      this.ignored.push(id);
      return 'ignored';
    }
    const { keys } = this.config.auth;
    if (isJidGroup(from) || isJidBroadcast(from)) {
      await keys.set({ 'sender-key': { [`${from}::${jidDecode(participant)?.user ?? 'unknown'}::0`]: Buffer.from(`sender key of ${participant}`) } });
    } else if (!isJidNewsletter(from)) {
      await keys.get('session', [`${jidDecode(from)?.user}.0`]);
    }
    this.ev.emit('messages.upsert', {
      type: 'notify',
      messages: [{ key: { remoteJid: from, participant, id, fromMe: false }, message: { conversation: text }, messageTimestamp: 1_767_614_400 }],
    });
    return 'delivered';
  }

  /**
   * A recipient's phone could not decrypt a message and asks for it again.
   * Baileys looks in its recent-message cache (5 minutes), which is long gone
   * here, then asks getMessage, and resends what that answers (nothing when
   * it answers nothing). Returns what was resent.
   */
  async retryRequest(jid: string, id: string): Promise<proto.IMessage | undefined> {
    const message = await this.config.getMessage?.({ remoteJid: jid, fromMe: true, id });
    if (message) this.resent.push({ jid, id, message });
    return message;
  }

  /**
   * The key store reads Baileys 7 makes for a one-to-one send before it
   * encrypts: the recipient's LID mapping and trusted-contact token, neither
   * guarded, so a key store that throws fails the send.
   */
  private async readRecipientKeys(jid: string): Promise<void> {
    const user = jidDecode(jid)?.user;
    if (!user) return;
    const { keys } = this.config.auth;
    const { [user]: lid } = await keys.get('lid-mapping', [user]);
    await keys.get('tctoken', [typeof lid === 'string' ? `${lid}@lid` : jid]);
  }

  async presenceSubscribe(jid: string): Promise<void> {
    if (this.world.presenceError) throw this.world.presenceError;
    this.presence.push({ type: 'subscribe', jid });
  }

  /** As Baileys: available / unavailable is the account's own presence (reported as isOnline), anything else a chat state. */
  async sendPresenceUpdate(type: WAPresence, toJid?: string): Promise<void> {
    if (this.world.presenceError) throw this.world.presenceError;
    if (type === 'available' || type === 'unavailable') {
      this.online = type === 'available';
      this.update({ isOnline: this.online });
      this.presence.push({ type, jid: toJid });
      return;
    }
    this.presence.push({ type, jid: toJid, shown: this.online });
  }

  /** Answers like WhatsApp's usync server (see FakeWhatsApp.contactAnswer), parsed by Baileys' own parser. */
  async executeUSyncQuery(query: USyncQuery): Promise<USyncQueryResult | undefined> {
    if (this.world.usyncError) throw this.world.usyncError;
    const numbers = query.users.map((user) => (user.phone ?? '').replace('+', ''));
    this.world.usyncQueries.push(numbers);
    return query.parseUSyncQueryResult(this.world.contactAnswer(numbers));
  }

  async fetchAccountReachoutTimelock(): Promise<ReachoutTimelockState> {
    this.update({ reachoutTimeLock: this.world.reachoutTimelock });
    return this.world.reachoutTimelock;
  }
}

/** Makes FakeSockets and remembers them, newest last. */
export class FakeSocketFactory {
  readonly world = new FakeWhatsApp();
  readonly sockets: FakeSocket[] = [];
  failNextWith: Error | undefined;

  readonly create: SocketFactory = (config) => {
    if (this.failNextWith) {
      const error = this.failNextWith;
      this.failNextWith = undefined;
      throw error;
    }
    const socket = new FakeSocket(config, this.world);
    this.sockets.push(socket);
    return socket;
  };

  get latest(): FakeSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('no socket was made');
    return socket;
  }
}
