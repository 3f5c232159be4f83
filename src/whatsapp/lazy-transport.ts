import { NotConnectedError } from '../core/errors.js';
import { TypedEmitter } from '../core/typed-emitter.js';
import type { CloseInfo, ExistenceAnswer, LinkState, MediaContent, RetryInfo, SendOptions, SendResult, TransportEvents, WhatsAppTransport } from './transport.js';

const EVENT_NAMES: (keyof TransportEvents)[] = ['state', 'qr', 'open', 'close', 'receipt', 'inbound', 'capping'];

/**
 * Loads a transport's module when it first connects. The WhatsApp Web library
 * alone takes about 60 MB of memory, which a dry run, a test or a bench never
 * needs; the rest of the app sees an ordinary transport from the start.
 */
export class LazyTransport implements WhatsAppTransport {
  readonly events = new TypedEmitter<TransportEvents>();
  private inner: WhatsAppTransport | undefined;
  private loading: Promise<WhatsAppTransport> | undefined;

  constructor(
    readonly kind: WhatsAppTransport['kind'],
    readonly sessionName: string,
    private readonly load: () => Promise<WhatsAppTransport>,
  ) {}

  get state(): LinkState {
    return this.inner?.state ?? 'idle';
  }

  get retry(): RetryInfo | null {
    return this.inner?.retry ?? null;
  }

  get lastClose(): (CloseInfo & { at: number }) | null {
    return this.inner?.lastClose ?? null;
  }

  get isRegistered(): boolean {
    return this.inner?.isRegistered ?? false;
  }

  private loaded(): Promise<WhatsAppTransport> {
    this.loading ??= this.load().then((inner) => {
      for (const name of EVENT_NAMES) inner.events.on(name, (payload) => this.events.emit(name, payload as never));
      this.inner = inner;
      return inner;
    });
    return this.loading;
  }

  private linked(): WhatsAppTransport {
    if (!this.inner) throw new NotConnectedError(`WhatsApp ${this.sessionName} has not been connected yet.`);
    return this.inner;
  }

  async connect(): Promise<void> {
    await (await this.loaded()).connect();
  }

  async requestPairingCode(phone: string): Promise<string> {
    return (await this.loaded()).requestPairingCode(phone);
  }

  sendText(jid: string, text: string, options: SendOptions): Promise<SendResult> {
    return this.linked().sendText(jid, text, options);
  }

  sendMedia(jid: string, media: MediaContent, options: SendOptions): Promise<SendResult> {
    return this.linked().sendMedia(jid, media, options);
  }

  exists(phones: string[]): Promise<Map<string, ExistenceAnswer>> {
    return this.linked().exists(phones);
  }

  typing(jid: string, ms: number): Promise<void> {
    return this.linked().typing(jid, ms);
  }

  async logout(): Promise<void> {
    await (await this.loaded()).logout();
  }

  async close(): Promise<void> {
    await this.inner?.close();
  }
}
