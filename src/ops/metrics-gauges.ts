import type { Gauge, Registry } from 'prom-client';
import { RUN_STATES } from '../campaigns/run-state.js';
import { MESSAGE_STATES, SENT_STATES } from '../queue/message-state.js';
import type { LinkState } from '../whatsapp/transport.js';
import { numberLinks, type OpsSources } from './ops-sources.js';
import { promClient } from './metrics-registry.js';

const LINK_STATES: readonly LinkState[] = ['idle', 'connecting', 'qr', 'open', 'reconnecting', 'logged_out', 'stopped'];

const GAUGES = {
  zapcast_dry_run: { help: '1 when WhatsApp is simulated (WA_TRANSPORT=dry-run): nothing really leaves the machine.', labelNames: [] },
  zapcast_messages: { help: 'Campaign messages by state, over every run kept in the database.', labelNames: ['state'] },
  zapcast_sent_messages: { help: 'Campaign messages that reached WhatsApp (sent, delivered or read), per number.', labelNames: ['number'] },
  zapcast_failed_messages: { help: 'Campaign messages that failed for good, per number.', labelNames: ['number'] },
  zapcast_queue_depth: { help: 'Messages of active runs waiting to be sent (pending or sending), per number.', labelNames: ['number'] },
  zapcast_sent_today: { help: 'Messages sent today (local day, TZ) per number: what the daily cap counts.', labelNames: ['number'] },
  zapcast_link_up: { help: '1 when the number is linked to WhatsApp and can send.', labelNames: ['number'] },
  zapcast_link_state: { help: 'The WhatsApp link state of each number: 1 for the current state, 0 for the others.', labelNames: ['number', 'state'] },
  zapcast_campaigns: { help: 'Campaigns by state.', labelNames: ['state'] },
} as const;

type GaugeName = keyof typeof GAUGES;
type Gauges = Record<GaugeName, Gauge<string>>;

function registerGauges(registry: Registry): Gauges {
  const { Gauge } = promClient();
  const entries = (Object.keys(GAUGES) as GaugeName[]).map((name) => {
    const { help, labelNames } = GAUGES[name];
    return [name, new Gauge({ name, help, labelNames: [...labelNames], registers: [registry] })] as const;
  });
  return Object.fromEntries(entries) as Gauges;
}

/**
 * Sets every gauge from the database and the live links, dropping series of
 * numbers that are gone. Reading all of them at once keeps one scrape's
 * figures from one moment.
 */
function refresh(gauges: Gauges, sources: OpsSources): void {
  const now = sources.clock.now();
  const numbers = numberLinks(sources);
  const byNumber = sources.queries.messagesByNumber();
  const queue = sources.queries.queueByNumber();
  for (const gauge of Object.values(gauges)) gauge.reset();

  gauges.zapcast_dry_run.set(sources.dryRun ? 1 : 0);
  const messages = new Map<string, number>(MESSAGE_STATES.map((s) => [s, 0]));
  for (const row of byNumber) messages.set(row.state, (messages.get(row.state) ?? 0) + row.count);
  for (const [state, value] of messages) gauges.zapcast_messages.set({ state }, value);

  const perNumber = (gauge: Gauge<string>, rows: typeof byNumber, states: readonly string[]) => {
    for (const { name } of numbers) {
      gauge.set({ number: name }, rows.filter((r) => r.sessionName === name && states.includes(r.state)).reduce((sum, r) => sum + r.count, 0));
    }
  };
  perNumber(gauges.zapcast_sent_messages, byNumber, SENT_STATES);
  perNumber(gauges.zapcast_failed_messages, byNumber, ['failed']);
  perNumber(gauges.zapcast_queue_depth, queue, ['pending', 'sending']);
  for (const n of numbers) {
    gauges.zapcast_sent_today.set({ number: n.name }, sources.dispatcher.session(n.name)?.dailyCap.sentToday(now) ?? 0);
    gauges.zapcast_link_up.set({ number: n.name }, n.link === 'open' ? 1 : 0);
    for (const state of LINK_STATES) gauges.zapcast_link_state.set({ number: n.name, state }, n.link === state ? 1 : 0);
  }
  const campaigns = new Map<string, number>(RUN_STATES.map((s) => [s, 0]));
  for (const row of sources.queries.campaignsByState()) campaigns.set(row.state, row.count);
  for (const [state, value] of campaigns) gauges.zapcast_campaigns.set({ state }, value);
}

/**
 * GET /metrics: registers the gauges read at scrape time beside the in-memory
 * counters of `sources.metrics`, once, and returns what answers each scrape.
 */
export function metricsEndpoint(sources: OpsSources): () => Promise<string> {
  // Registered at the first scrape: prom-client loads then, not at start-up.
  let gauges: Gauges | undefined;
  return async () => {
    gauges ??= registerGauges(sources.metrics.registry);
    refresh(gauges, sources);
    return sources.metrics.text();
  };
}
