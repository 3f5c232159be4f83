import { TypedEmitter } from './typed-emitter.js';
import type { RunState } from '../campaigns/run-state.js';
import type { CloseKind, LinkState } from '../whatsapp/transport.js';
import type { Button } from './command.js';
import type { InboxForward } from '../inbox/inbox-recorder.js';

/** What the core tells the front-ends; they decide how (and how often) to show it. */
export interface AppEvents {
  'run.state': { runId: number | null; campaignId: number; from: RunState; to: RunState; reason: string | null };
  'run.progress': { runId: number; campaignId: number };
  'link.state': { sessionName: string; state: LinkState };
  'link.qr': { sessionName: string; code: string };
  'link.open': { sessionName: string; phone: string | null };
  'link.close': { sessionName: string; reason: string; willReconnect: boolean; kind: CloseKind; retryInMs?: number };
  'import.progress': { key: string; rows: number };
  /** A number joined the suppression list (an opt-out reply); front-ends batch these. */
  'optout.added': { sessionName: string; phone: string; text: string };
  /** A schedule started a run. */
  'schedule.fired': { scheduleId: number; campaignId: number; runId: number };
  /** Someone wrote to a WhatsApp number: the inbox in the operators' chats. */
  'inbox.message': InboxForward;
  /** Something the operators should know; buttons (e.g. a breaker's Resume / Stop) run commands as the presser. */
  notice: { text: string; buttons?: Button[] };
}

export type AppEventBus = TypedEmitter<AppEvents>;

export function createEventBus(): AppEventBus {
  return new TypedEmitter<AppEvents>();
}
