import type { FrontEndName } from '../core/command.js';
import type { ChatFrontEnd } from './chat-front-end.js';

/**
 * A front-end whose module (and chat library) is loaded only when it starts,
 * so a process without that bot configured never pays for its library.
 */
export class LazyFrontEnd<T extends ChatFrontEnd = ChatFrontEnd> implements ChatFrontEnd {
  private loaded: T | undefined;

  constructor(
    readonly name: FrontEndName,
    private readonly load: () => Promise<T>,
  ) {}

  /** The front-end itself, once started. */
  get inner(): T | undefined {
    return this.loaded;
  }

  async start(): Promise<void> {
    this.loaded ??= await this.load();
    await this.loaded.start();
  }

  async stop(): Promise<void> {
    await this.loaded?.stop();
  }
}
