import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { IdentifyRecord } from './state.js';

/** GuildMembers, GuildPresences, MessageContent: need a switch in the developer portal. */
export const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
const KNOWN_INTENTS = (1 << 26) - 1;

export interface GatewayHooks {
  token(): string;
  /** refuseToken('gateway-4004') is on. */
  refusesIdentify(): boolean;
  readyData(sessionId: string, resumeUrl: string): unknown;
  guildCreateData(): unknown;
  membersChunkData(request: Record<string, unknown>): unknown;
  recordIdentify(record: IdentifyRecord): void;
  changed(): void;
}

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  /** Privileged intents "enabled in the developer portal"; asking for others closes with 4014. */
  allowedPrivilegedIntents: number;
}

interface GatewayEvent {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  seq: number;
  /** Every dispatch, so a RESUME can replay what the bot missed. */
  events: GatewayEvent[];
  socket: WebSocket | null;
  intents: number;
}

interface Connection {
  ws: WebSocket;
  session: Session | null;
}

/**
 * The gateway side of the fake: HELLO, IDENTIFY -> READY + GUILD_CREATE,
 * heartbeats, RESUME with replay, and closes with Discord's close codes.
 */
export class Gateway {
  heartbeats = 0;
  resumes = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private current: Session | null = null;
  private baseUrl = '';

  constructor(
    private readonly hooks: GatewayHooks,
    private readonly options: GatewayOptions,
  ) {}

  /** Where GET /gateway/bot sends the bot; READY's resume_gateway_url is a different path, as on Discord. */
  url(baseUrl: string): string {
    this.baseUrl = baseUrl.replace(/^http/, 'ws');
    return `${this.baseUrl}/gateway`;
  }

  /** Takes over an HTTP upgrade on a gateway path; false when the path is not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/gateway' && url.pathname !== '/gateway/resume') return false;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url.searchParams));
    return true;
  }

  /** The bot has an identified (or resumed) session on an open socket. */
  get botConnected(): boolean {
    return this.current?.socket?.readyState === 1;
  }

  get intents(): number | undefined {
    return this.current?.intents;
  }

  /** Sends an event to the bot's session; while it is disconnected the event waits for a RESUME. */
  dispatch(t: string, d: unknown): boolean {
    const session = this.current;
    if (!session) return false;
    const event: GatewayEvent = { op: 0, t, s: ++session.seq, d };
    session.events.push(event);
    if (session.events.length > 1000) session.events.shift();
    if (session.socket?.readyState === 1) session.socket.send(JSON.stringify(event));
    return true;
  }

  /** Closes the bot's connection with a close code (4000 lets it resume, 4004 does not). */
  drop(code = 4000, reason = 'Unknown error.'): void {
    this.current?.socket?.close(code, reason);
  }

  /** Op 7 Reconnect, or op 9 Invalid Session (resumable or not). */
  sendOp(op: 7 | 9, d: boolean | null = null): void {
    this.current?.socket?.send(JSON.stringify({ op, d, s: null, t: null }));
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private onConnection(ws: WebSocket, params: URLSearchParams): void {
    const conn: Connection = { ws, session: null };
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (conn.session?.socket === ws) conn.session.socket = null;
      this.hooks.changed();
    });
    if (params.get('v') !== '10') return ws.close(4012, 'Invalid API version.');
    if ((params.get('encoding') ?? 'json') !== 'json' || params.has('compress')) return ws.close(4002, 'Error while decoding payload.');
    ws.on('message', (raw, isBinary) => this.onPayload(conn, raw, isBinary));
    send(ws, { op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['["fake-gateway",{"micros":0}]'] } });
  }

  private onPayload(conn: Connection, raw: RawData, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      if (isBinary) throw new Error('binary frames need compression we do not speak');
      payload = JSON.parse(raw.toString()) as typeof payload;
    } catch {
      return conn.ws.close(4002, 'Error while decoding payload.');
    }
    const d = (payload.d ?? {}) as Record<string, unknown>;
    switch (payload.op) {
      case 1:
        this.heartbeats++;
        send(conn.ws, { op: 11, d: null });
        return this.hooks.changed();
      case 2:
        return this.identify(conn, d);
      case 6:
        return this.resume(conn, d);
      case 3:
      case 4:
        if (!conn.session) conn.ws.close(4003, 'Not authenticated.');
        return;
      case 8:
        if (!conn.session) return conn.ws.close(4003, 'Not authenticated.');
        this.dispatch('GUILD_MEMBERS_CHUNK', this.hooks.membersChunkData(d));
        return;
      default:
        return conn.ws.close(4001, 'Unknown opcode.');
    }
  }

  private identify(conn: Connection, d: Record<string, unknown>): void {
    if (conn.session) return conn.ws.close(4005, 'Already authenticated.');
    const intents = Number(d.intents);
    const record: IdentifyRecord = {
      at: Date.now(),
      token: String(d.token),
      intents,
      shard: Array.isArray(d.shard) ? (d.shard as [number, number]) : undefined,
      properties: d.properties,
      outcome: 'ready',
    };
    const refuse = (outcome: IdentifyRecord['outcome'], code: number, reason: string) => {
      this.hooks.recordIdentify({ ...record, outcome });
      conn.ws.close(code, reason);
    };
    if (this.hooks.refusesIdentify() || record.token !== this.hooks.token()) return refuse('refused', 4004, 'Authentication failed.');
    if (!Number.isInteger(intents) || intents < 0 || (intents & ~KNOWN_INTENTS) !== 0) return refuse('invalid-intents', 4013, 'Invalid intent(s).');
    if (intents & PRIVILEGED_INTENTS & ~this.options.allowedPrivilegedIntents) return refuse('disallowed-intents', 4014, 'Disallowed intent(s).');
    if (record.shard && (record.shard[0] !== 0 || record.shard[1] !== 1)) return refuse('invalid-shard', 4010, 'Invalid shard.');
    this.hooks.recordIdentify(record);
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, events: [], socket: conn.ws, intents };
    this.sessions.set(session.id, session);
    conn.session = session;
    this.current = session;
    this.dispatch('READY', this.hooks.readyData(session.id, `${this.baseUrl}/gateway/resume`));
    // READY lists the guild as unavailable; discord.js waits (waitGuildTimeout,
    // 15 s) for its GUILD_CREATE before emitting clientReady, so send it now.
    this.dispatch('GUILD_CREATE', this.hooks.guildCreateData());
    this.hooks.changed();
  }

  private resume(conn: Connection, d: Record<string, unknown>): void {
    if (conn.session) return conn.ws.close(4005, 'Already authenticated.');
    if (this.hooks.refusesIdentify() || d.token !== this.hooks.token()) return conn.ws.close(4004, 'Authentication failed.');
    const session = this.sessions.get(String(d.session_id));
    const seq = Number(d.seq ?? 0);
    if (!session || seq > session.seq) return send(conn.ws, { op: 9, d: false });
    if (session.socket && session.socket !== conn.ws) session.socket.terminate();
    session.socket = conn.ws;
    conn.session = session;
    this.current = session;
    this.resumes++;
    for (const event of session.events) if (event.s > seq) conn.ws.send(JSON.stringify(event));
    this.dispatch('RESUMED', null);
    this.hooks.changed();
  }
}

function send(ws: WebSocket, payload: { op: number; d: unknown }): void {
  if (ws.readyState === 1) ws.send(JSON.stringify({ ...payload, s: null, t: null }));
}
