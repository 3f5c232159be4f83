import { basename } from 'node:path';
import { DisconnectReason, type ConnectionState } from 'baileys';
import type { Logger } from 'pino';
import { NotConnectedError, ZapcastError } from '../../core/errors.js';
import { TypedEmitter } from '../../core/typed-emitter.js';
import { isLinked, type FileAuthState } from '../auth/file-auth-state.js';
import { jidToPhone, type CloseInfo, type ExistenceAnswer, type LinkState, type MediaContent, type RetryInfo, type SendOptions, type SendResult, type TransportEvents, type WhatsAppTransport } from '../transport.js';
import { cappingFromTimelock } from './capping.js';
import type { CloseDecision } from './close-reason.js';
import { SeenIds } from './inbound.js';
import { outboxFor, type Outbox } from './outbox.js';
import type { Presence } from './presence.js';
import { checkLinkMove } from './link-states.js';
import { closeDecision, requestPairingCode } from './pairing.js';
import { ReconnectSchedule } from './reconnect-schedule.js';
import type { SentMessages } from './sent-messages.js';
import { SessionFiles } from './session-files.js';
import { socketConfig } from './socket-config.js';
import { attachTraffic } from './socket-events.js';
import { baileysSocketFactory, type BaileysSocket } from './socket-port.js';
import type { BaileysTransportOptions } from './transport-options.js';
import { VersionKeeper } from './version-keeper.js';
import { currentWaWebVersion } from './wa-version.js';

export type { BaileysTransportOptions } from './transport-options.js';

const SESSION_NAME = /^[A-Za-z0-9][\w-]{0,63}$/;

/**
 * The WhatsApp Web link through Baileys, one per WhatsApp number. It holds the
 * session's lock and login files, replaces the socket whenever Baileys closes
 * one (Baileys drops a closed socket's listeners, so each is wired afresh), and
 * decides from the close code whether to restart at once, re-pair, stop, or
 * retry with backoff on the Clock.
 */
export class BaileysTransport implements WhatsAppTransport {
  readonly kind = 'baileys' as const;
  readonly events = new TypedEmitter<TransportEvents>();
  private current: LinkState = 'idle';
  private socket: BaileysSocket | undefined;
  /** Bumped for every socket; events of an older socket are ignored. */
  private generation = 0;
  private readonly versions: VersionKeeper;
  private closed: (CloseInfo & { at: number }) | null = null;
  private shutDown = false;
  /** Aborts what start() waits on (the version question) when the transport closes. */
  private readonly closing = new AbortController();
  private starting: Promise<void> | undefined;
  private loggingOut: Promise<void> | undefined;
  private readonly seen = new SeenIds();
  private readonly sent: SentMessages;
  private readonly outbox: Outbox;
  private readonly presence: Presence;
  private readonly files: SessionFiles;
  private readonly reconnects: ReconnectSchedule;
  private readonly log: Logger;
  private readonly baileysLog: Logger;

  constructor(private readonly options: BaileysTransportOptions) {
    if (!SESSION_NAME.test(options.sessionName)) {
      throw new ZapcastError(`"${options.sessionName}" cannot name a WhatsApp session: use letters, digits, - and _ (up to 64).`);
    }
    this.log = options.logger.child({ session: options.sessionName });
    // Baileys narrates every reconnect at info; keep its warnings unless debugging.
    const quiet = this.log.levelVal < 30 ? this.log.level : this.log.levelVal < 40 ? 'warn' : this.log.level;
    this.baileysLog = this.log.child({ module: 'baileys' }, { level: quiet });
    this.files = new SessionFiles(options.sessionsDir, options.sessionName, options.clock, this.log);
    this.reconnects = new ReconnectSchedule(options.clock, options.random, options.reconnect);
    ({ outbox: this.outbox, sent: this.sent, presence: this.presence } = outboxFor(options, this.log, {
      openSocket: () => this.openSocketOrThrow(),
      stillOpen: (socket) => this.current === 'open' && this.socket === socket,
    }));
    this.versions = new VersionKeeper(options.version, options.fetchVersion ?? ((signal) => currentWaWebVersion(this.log, signal)), options.clock);
  }

  get sessionName(): string {
    return this.options.sessionName;
  }

  get state(): LinkState {
    return this.current;
  }

  get retry(): RetryInfo | null {
    return this.reconnects.current;
  }

  get lastClose(): (CloseInfo & { at: number }) | null {
    return this.closed;
  }

  get isRegistered(): boolean {
    const auth = this.files.loaded;
    return auth !== undefined && isLinked(auth.state.creds);
  }

  async connect(): Promise<void> {
    if (this.shutDown) throw new ZapcastError(`WhatsApp session ${this.sessionName} has been closed.`);
    await this.loggingOut;
    if (this.current === 'connecting' || this.current === 'qr' || this.current === 'open') return;
    this.starting ??= this.start().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async start(): Promise<void> {
    this.reconnects.cancel();
    const auth = await this.files.load();
    await this.versions.forConnect(this.closing.signal);
    if (!this.shutDown) this.openSocket(auth);
  }

  private openSocket(auth: FileAuthState): void {
    const generation = ++this.generation;
    this.moveTo('connecting');
    let socket: BaileysSocket;
    try {
      socket = (this.options.socketFactory ?? baileysSocketFactory)(
        socketConfig({
          auth,
          baileysLogger: this.baileysLog,
          caches: this.files.caches.forSocket(),
          version: this.versions.current,
          socketUrl: this.options.socketUrl,
          getMessage: this.sent.recall,
        }),
      );
    } catch (error) {
      // A socket that cannot even be built is a local fault, never a reason to drop the login.
      this.scheduleReconnect({ kind: 'connection_lost', code: undefined, reason: `could not open a WhatsApp socket: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    this.socket = socket;
    const live = () => generation === this.generation && !this.shutDown;
    socket.ev.on('creds.update', () => {
      if (auth === this.files.loaded) void auth.saveCreds().catch((error: unknown) => this.log.error({ err: error }, 'the WhatsApp login could not be saved'));
    });
    socket.ev.on('connection.update', (update) => {
      if (live()) this.onConnectionUpdate(socket, generation, update);
    });
    attachTraffic(socket, { events: this.events, clock: this.options.clock, logger: this.log, seen: this.seen, live });
  }

  private onConnectionUpdate(socket: BaileysSocket, generation: number, update: Partial<ConnectionState>): void {
    if (update.qr) {
      // WhatsApp answered, so the network is fine: the next failure starts the backoff afresh.
      this.reconnects.clear();
      this.moveTo('qr');
      this.events.emit('qr', { code: update.qr });
    }
    if (update.connection === 'open') {
      this.reconnects.clear();
      this.versions.accepted();
      this.moveTo('open');
      this.events.emit('open', { phone: socket.user?.id ? jidToPhone(socket.user.id) : null });
      socket.fetchAccountReachoutTimelock().catch((error: unknown) => this.log.debug({ err: error }, 'could not ask WhatsApp about new-chat restrictions'));
    }
    if (update.isOnline !== undefined) this.presence.observed(update.isOnline);
    const timelock = cappingFromTimelock(update.reachoutTimeLock);
    if (timelock) this.events.emit('capping', timelock);
    if (update.connection === 'close') this.onClose(generation, update.lastDisconnect?.error);
  }

  private onClose(generation: number, error: unknown): void {
    if (generation !== this.generation || this.shutDown) return;
    this.socket = undefined;
    this.presence.reset();
    const auth = this.files.loaded;
    const { decision, forgotPairing } = closeDecision(error, this.current, auth && !isLinked(auth.state.creds) ? auth.state.creds : undefined);
    if (forgotPairing) void auth!.saveCreds().catch((error: unknown) => this.log.error({ err: error }, 'the WhatsApp login could not be saved'));
    switch (decision.kind) {
      case 'restart':
        this.announce(decision, true);
        this.openSocket(this.files.loaded!);
        return;
      case 'logged_out':
        this.loggingOut = this.afterLogout(decision, false);
        return;
      case 'outdated':
        void this.afterVersionRefused(decision);
        return;
      case 'replaced':
      case 'forbidden':
        this.reconnects.clear();
        this.moveTo('stopped');
        this.announce(decision, false);
        this.log.error({ reason: decision.reason }, 'WhatsApp link stopped; it will not reconnect by itself');
        return;
      case 'connection_lost':
        this.scheduleReconnect(decision);
    }
  }

  private scheduleReconnect(decision: CloseDecision, operatorAction?: string): void {
    const retry = this.reconnects.next(() => void this.reopen());
    this.moveTo('reconnecting');
    this.announce(decision, true, retry.delayMs, operatorAction);
    this.log.warn({ attempt: retry.attempt, delayMs: retry.delayMs, reason: decision.reason }, 'WhatsApp link down; reconnecting');
  }

  /** A reconnect attempt: a version asked for over a day ago is asked for again first. */
  private async reopen(): Promise<void> {
    await this.versions.forConnect(this.closing.signal).catch((error: unknown) => this.log.warn({ err: error }, 'could not ask for the current WhatsApp Web version'));
    const auth = this.files.loaded;
    if (!this.shutDown && this.current === 'reconnecting' && auth) this.openSocket(auth);
  }

  /**
   * WhatsApp retired the version this socket announced. The current one is
   * asked for and tried at once; when there is none newer, or it is refused
   * too, the link retries with backoff and the operators are told once.
   */
  private async afterVersionRefused(decision: CloseDecision): Promise<void> {
    this.moveTo('reconnecting');
    const generation = this.generation;
    const { reason, retryAtOnce, advice } = await this.versions.refused(this.closing.signal);
    if (this.shutDown || generation !== this.generation || this.current !== 'reconnecting') return;
    this.log.warn({ reason }, 'WhatsApp refused the client version');
    if (!retryAtOnce) return this.scheduleReconnect({ ...decision, reason }, advice);
    this.announce({ ...decision, reason }, true, 0);
    this.openSocket(this.files.loaded!);
  }

  /**
   * The login is gone: keep it in a dated backup, then (unless an operator
   * asked for the logout) start a fresh pairing so operators get a new QR.
   */
  private async afterLogout(decision: CloseDecision, byOperator: boolean): Promise<void> {
    this.reconnects.clear();
    this.moveTo('logged_out');
    let backup: string | undefined;
    try {
      backup = await this.files.retire();
    } catch (error) {
      this.log.error({ err: error }, 'the logged-out WhatsApp login could not be moved aside');
      const problem = error instanceof Error ? error.message : String(error);
      this.announce({ ...decision, reason: `${decision.reason}; the old login could not be moved aside (${problem}), so no new pairing was started` }, false);
      return;
    }
    this.announce({ ...decision, reason: backup ? `${decision.reason}; the old login was kept as ${basename(backup)}` : decision.reason }, false);
    if (byOperator || this.shutDown) return;
    await this.start().catch((error: unknown) => this.log.error({ err: error }, 'a fresh WhatsApp pairing could not start'));
  }

  private announce(decision: CloseDecision, willReconnect: boolean, retryInMs?: number, operatorAction?: string): void {
    const info: CloseInfo = {
      reason: decision.reason,
      kind: decision.kind,
      willReconnect,
      ...(retryInMs === undefined ? {} : { retryInMs }),
      ...(decision.code === undefined ? {} : { code: decision.code }),
      ...(operatorAction === undefined ? {} : { operatorAction }),
    };
    this.closed = { ...info, at: this.options.clock.now() };
    this.events.emit('close', info);
  }

  private moveTo(state: LinkState): void {
    if (!checkLinkMove(this.sessionName, this.current, state)) return;
    this.current = state;
    this.events.emit('state', { state });
  }

  requestPairingCode(phone: string): Promise<string> {
    return requestPairingCode(this, phone, {
      clock: this.options.clock,
      waitMs: this.options.pairingWaitMs ?? 30_000,
      socket: () => this.socket,
      stopReason: () => this.closed?.reason ?? 'closed',
    });
  }

  private openSocketOrThrow(): BaileysSocket {
    if (this.current !== 'open' || !this.socket) throw new NotConnectedError(`WhatsApp number ${this.sessionName} is not linked (${this.current}).`);
    return this.socket;
  }

  sendText(jid: string, text: string, options: SendOptions): Promise<SendResult> {
    return this.outbox.sendText(jid, text, options);
  }

  sendMedia(jid: string, media: MediaContent, options: SendOptions): Promise<SendResult> {
    return this.outbox.sendMedia(jid, media, options);
  }

  exists(phones: string[]): Promise<Map<string, ExistenceAnswer>> {
    return this.outbox.exists(phones);
  }

  typing(jid: string, ms: number): Promise<void> {
    return this.outbox.typing(jid, ms);
  }

  async logout(): Promise<void> {
    if (this.shutDown) return;
    await this.loggingOut;
    if (this.current === 'logged_out') return;
    this.files.hold();
    this.reconnects.cancel();
    const socket = this.socket;
    // Detach first: this socket's close is the logout itself, not a reason to re-pair.
    this.socket = undefined;
    this.generation++;
    this.presence.reset();
    if (socket) {
      await socket.logout('logged out by an operator').catch((error: unknown) =>
        this.log.warn({ err: error }, 'WhatsApp was not told about the logout; remove the device on the phone (Linked devices)'),
      );
      await socket.end(undefined).catch(() => undefined);
    }
    this.loggingOut = this.afterLogout({ kind: 'logged_out', code: DisconnectReason.loggedOut, reason: 'logged out by an operator' }, true);
    await this.loggingOut;
  }

  async close(): Promise<void> {
    if (this.shutDown) return;
    this.shutDown = true;
    this.closing.abort();
    this.reconnects.clear();
    this.presence.reset();
    const socket = this.socket;
    this.socket = undefined;
    this.generation++;
    this.moveTo('stopped');
    await socket?.end(undefined).catch(() => undefined);
    await this.starting?.catch(() => undefined);
    await this.loggingOut?.catch(() => undefined);
    await this.files.release();
  }
}
