import type { FrontEndName } from '../core/command.js';

/**
 * A place operators talk to zapcast: it turns platform updates into command
 * invocations for the router and renders replies, progress views and notices.
 */
export interface ChatFrontEnd {
  readonly name: FrontEndName;
  /** How the front-end's link to its platform stands, for /healthz (front-ends that have one). */
  health?(): FrontEndHealth;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface FrontEndHealth {
  state: 'starting' | 'up' | 'retrying' | 'token refused' | 'stopped';
  detail?: string;
}
