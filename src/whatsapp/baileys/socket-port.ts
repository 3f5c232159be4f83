import makeWASocket, {
  type AnyMessageContent,
  type AuthenticationCreds,
  type BaileysEventEmitter,
  type MiscMessageGenerationOptions,
  type ReachoutTimelockState,
  type USyncQuery,
  type USyncQueryResult,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAPresence,
} from 'baileys';

/**
 * The part of a Baileys socket the transport uses. The real socket has it
 * (checked below by the compiler); tests give a fake built on Baileys' own
 * event emitter.
 */
export interface BaileysSocket {
  readonly ev: BaileysEventEmitter;
  readonly user: { id: string; lid?: string | undefined } | undefined;
  readonly authState: { creds: AuthenticationCreds };
  readonly signalRepository: { lidMapping: { getPNForLID(lid: string): Promise<string | null> } };
  end(error: Error | undefined): Promise<void>;
  logout(msg?: string): Promise<void>;
  requestPairingCode(phoneNumber: string, customPairingCode?: string): Promise<string>;
  sendMessage(jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions): Promise<WAMessage | undefined>;
  presenceSubscribe(jid: string): Promise<void>;
  sendPresenceUpdate(type: WAPresence, toJid?: string): Promise<void>;
  executeUSyncQuery(query: USyncQuery): Promise<USyncQueryResult | undefined>;
  fetchAccountReachoutTimelock(): Promise<ReachoutTimelockState>;
}

export type SocketFactory = (config: UserFacingSocketConfig) => BaileysSocket;

/** A real WhatsApp Web socket. */
export const baileysSocketFactory: SocketFactory = (config) => {
  const socket: BaileysSocket = makeWASocket(config);
  return socket;
};
