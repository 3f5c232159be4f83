import type { TypedEmitter } from '../core/typed-emitter.js';
import type { MediaKind } from '../db/repos/campaigns-repo.js';

export type LinkState = 'idle' | 'connecting' | 'qr' | 'open' | 'reconnecting' | 'logged_out' | 'stopped';

export type ReceiptStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface TransportEvents {
  state: { state: LinkState };
  qr: { code: string };
  open: { phone: string | null };
  close: { reason: string; willReconnect: boolean };
  receipt: { waMessageId: string; status: ReceiptStatus; at: number; errorCode?: string };
  inbound: { phone: string; text: string; waMessageId: string; at: number };
  capping: { detail: string };
}

export interface MediaContent {
  kind: MediaKind;
  path: string;
  fileName: string;
  mimeType: string;
  caption: string;
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
  readonly events: TypedEmitter<TransportEvents>;
  connect(): Promise<void>;
  sendText(jid: string, text: string, options: SendOptions): Promise<SendResult>;
  sendMedia(jid: string, media: MediaContent, options: SendOptions): Promise<SendResult>;
  /** Which of these E.164 numbers have WhatsApp; numbers absent from the answer are unknown. */
  exists(phones: string[]): Promise<Map<string, boolean>>;
  /** Shows "typing…" to the recipient for about `ms`, then stops. */
  typing(jid: string, ms: number): Promise<void>;
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
