import { TypedEmitter } from './typed-emitter.js';
import type { RunState } from '../campaigns/run-state.js';
import type { LinkState } from '../whatsapp/transport.js';

/** What the core tells the front-ends; they decide how (and how often) to show it. */
export interface AppEvents {
  'run.state': { runId: number | null; campaignId: number; from: RunState; to: RunState; reason: string | null };
  'run.progress': { runId: number; campaignId: number };
  'link.state': { sessionName: string; state: LinkState };
  'link.qr': { sessionName: string; code: string };
  'link.open': { sessionName: string; phone: string | null };
  'link.close': { sessionName: string; reason: string; willReconnect: boolean };
  'import.progress': { key: string; rows: number };
  notice: { text: string };
}

export type AppEventBus = TypedEmitter<AppEvents>;

export function createEventBus(): AppEventBus {
  return new TypedEmitter<AppEvents>();
}
