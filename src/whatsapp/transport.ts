import type { TypedEmitter } from '../core/typed-emitter.js';
import type { MediaKind } from '../db/repos/campaigns-repo.js';
import type { InboundKind } from '../db/repos/inbox-repo.js';

export type LinkState = 'idle' | 'connecting' | 'qr' | 'open' | 'reconnecting' | 'logged_out' | 'stopped';

export type ReceiptStatus = 'sent' | 'delivered' | 'read' | 'failed';

/**
 * Why the link closed: `restart` (WhatsApp asked for a new socket, normal after
 * linking), `logged_out` (the device was unlinked; the old login was backed up
 * and a fresh pairing follows unless an operator logged out), `replaced`
 * (another WhatsApp Web session took over), `forbidden` (WhatsApp refuses the
 * number), `outdated` (WhatsApp refuses the client version: the current one is
 * asked for and the link reconnects with it), `connection_lost` (anything else;
 * retried with backoff).
 */
export type CloseKind = 'restart' | 'logged_out' | 'replaced' | 'forbidden' | 'outdated' | 'connection_lost';

export interface CloseInfo {
  /** For operators, in plain words. */
  reason: string;
  kind: CloseKind;
  /** The link is expected back without anyone doing anything. */
  willReconnect: boolean;
  /** When it reconnects with a delay: how long until the next attempt. */
  retryInMs?: number;
  /** The status code WhatsApp (or the socket) gave, when there was one. */
  code?: number;
  /** Set once when retrying alone will not fix it: what an operator should do. */
  operatorAction?: string;
}

/** While the link is being re-established: which attempt, its delay, and when it starts (past once it is under way). */
export interface RetryInfo {
  attempt: number;
  delayMs: number;
  at: number;
}

/**
 * WhatsApp limiting this number: a new-chat message cap warning (or the cap
 * reached), or a reach-out timelock (no new chats until `until`).
 */
export interface CappingInfo {
  detail: string;
  source: 'message_capping' | 'reachout_timelock';
  until?: number;
}

export interface TransportEvents {
  state: { state: LinkState };
  qr: { code: string };
  open: { phone: string | null };
  close: CloseInfo;
  /** Matched by the message id only: WhatsApp may address the recipient by LID. */
  receipt: { waMessageId: string; status: ReceiptStatus; at: number; errorCode?: string };
  /** A reply in a one-to-one chat (`kind`: text unless said; media carry their caption as `text`), never our own messages, once per message id; `phone` is E.164 even when the chat is LID-addressed. */
  inbound: { phone: string; text: string; waMessageId: string; at: number; kind?: InboundKind };
  capping: CappingInfo;
}

export interface MediaContent {
  kind: MediaKind;
  path: string;
  fileName: string;
  mimeType: string;
  caption: string;
}

/**
 * WhatsApp's answer about one number: whether it has an account and, when it
 * has, the JID the account really has. That JID may differ from the number
 * asked (a Brazilian account registered before the 9th digit); it is the one
 * to send to and the one replies come from.
 */
export interface ExistenceAnswer {
  registered: boolean;
  jid?: string;
}

export interface SendOptions {
  /** The id generated and stored before the send; the send must use it. */
  messageId: string;
}

export interface SendResult {
  waMessageId: string;
  at: number;
}

/**
 * The WhatsApp link as core code sees it. Implementations: the real Baileys
 * socket and the dry-run simulator. Core code never imports baileys.
 * Send methods throw NotConnectedError, TransientSendError or PermanentSendError.
 */
export interface WhatsAppTransport {
  readonly kind: 'baileys' | 'dry-run';
  readonly sessionName: string;
  readonly state: LinkState;
  /** Set while reconnecting after a lost connection (for "reconnecting in N s"); null otherwise. */
  readonly retry: RetryInfo | null;
  /** The last close and when it happened; null before any. */
  readonly lastClose: (CloseInfo & { at: number }) | null;
  /** The stored login belongs to a linked device (a fresh one waits for a QR scan or a pairing code). */
  readonly isRegistered: boolean;
  readonly events: TypedEmitter<TransportEvents>;
  /** Starts (or restarts, after a logout, a stop or while waiting to reconnect) the link. */
  connect(): Promise<void>;
  /** The 8-character code to type on the phone (Linked devices > Link with phone number) instead of scanning the QR. */
  requestPairingCode(phone: string): Promise<string>;
  sendText(jid: string, text: string, options: SendOptions): Promise<SendResult>;
  sendMedia(jid: string, media: MediaContent, options: SendOptions): Promise<SendResult>;
  /** Which of these E.164 numbers have WhatsApp, and under which JID; numbers absent from the answer are unknown. */
  exists(phones: string[]): Promise<Map<string, ExistenceAnswer>>;
  /** Shows "typing…" to the recipient for about `ms`, then stops. */
  typing(jid: string, ms: number): Promise<void>;
  /** Unlinks this device; the link stays down until connect() starts a fresh pairing. */
  logout(): Promise<void>;
  /** Closes the link for shutdown; no reconnect follows. */
  close(): Promise<void>;
}

/** E.164 (+5511...) to a WhatsApp user JID. */
export function phoneToJid(phone: string): string {
  return `${phone.replace(/[^\d]/g, '')}@s.whatsapp.net`;
}

export function jidToPhone(jid: string): string {
  return `+${jid.split('@')[0]!.split(':')[0]}`;
}
