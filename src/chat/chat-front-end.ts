import type { FrontEndName } from '../core/command.js';

/**
 * A place operators talk to zapcast: it turns platform updates into command
 * invocations for the router and renders replies, progress views and notices.
 */
export interface ChatFrontEnd {
  readonly name: FrontEndName;
  start(): Promise<void>;
  stop(): Promise<void>;
}

