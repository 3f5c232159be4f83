import { RUN_STATES } from '../campaigns/run-state.js';
import { MESSAGE_STATES, SENT_STATES } from '../queue/message-state.js';
import type { LinkState } from '../whatsapp/transport.js';
import { COUNTERS, type CounterName } from './metrics-registry.js';
import { numberLinks, type OpsSources } from './ops-sources.js';
import { family, type Sample } from './prometheus-text.js';

const LINK_STATES: readonly LinkState[] = ['idle', 'connecting', 'qr', 'open', 'reconnecting', 'logged_out', 'stopped'];

/** GET /metrics: figures read from the database at scrape time, plus the in-memory counters. */
export function renderMetrics(sources: OpsSources): string {
  const now = sources.clock.now();
  const numbers = numberLinks(sources);
  const byNumber = sources.queries.messagesByNumber();
  const queue = sources.queries.queueByNumber();

  const messages = new Map<string, number>(MESSAGE_STATES.map((s) => [s, 0]));
  for (const row of byNumber) messages.set(row.state, (messages.get(row.state) ?? 0) + row.count);
  const perNumber = (rows: typeof byNumber, states: readonly string[]): Sample[] =>
    numbers.map(({ name }) => ({
      labels: { number: name },
      value: rows.filter((r) => r.sessionName === name && states.includes(r.state)).reduce((sum, r) => sum + r.count, 0),
    }));
  const campaigns = new Map<string, number>(RUN_STATES.map((s) => [s, 0]));
  for (const row of sources.queries.campaignsByState()) campaigns.set(row.state, row.count);
  const counter = (name: CounterName) => family(name, 'counter', COUNTERS[name].help, sources.metrics.samples(name));

  return (
    [
      family('zapcast_dry_run', 'gauge', '1 when WhatsApp is simulated (WA_TRANSPORT=dry-run): nothing really leaves the machine.', [
        { value: sources.dryRun ? 1 : 0 },
      ]),
      family(
        'zapcast_messages',
        'gauge',
        'Campaign messages by state, over every run kept in the database.',
        [...messages].map(([state, value]) => ({ labels: { state }, value })),
      ),
      family('zapcast_sent_messages', 'gauge', 'Campaign messages that reached WhatsApp (sent, delivered or read), per number.', perNumber(byNumber, SENT_STATES)),
      family('zapcast_failed_messages', 'gauge', 'Campaign messages that failed for good, per number.', perNumber(byNumber, ['failed'])),
      family('zapcast_queue_depth', 'gauge', 'Messages of active runs waiting to be sent (pending or sending), per number.', perNumber(queue, ['pending', 'sending'])),
      family(
        'zapcast_sent_today',
        'gauge',
        'Messages sent today (local day, TZ) per number: what the daily cap counts.',
        numbers.map(({ name }) => ({ labels: { number: name }, value: sources.dispatcher.session(name)?.dailyCap.sentToday(now) ?? 0 })),
      ),
      family('zapcast_link_up', 'gauge', '1 when the number is linked to WhatsApp and can send.', numbers.map((n) => ({ labels: { number: n.name }, value: n.link === 'open' ? 1 : 0 }))),
      family(
        'zapcast_link_state',
        'gauge',
        'The WhatsApp link state of each number: 1 for the current state, 0 for the others.',
        numbers.flatMap((n) => LINK_STATES.map((state) => ({ labels: { number: n.name, state }, value: n.link === state ? 1 : 0 }))),
      ),
      family('zapcast_campaigns', 'gauge', 'Campaigns by state.', [...campaigns].map(([state, value]) => ({ labels: { state }, value }))),
      counter('zapcast_breaker_trips_total'),
      counter('zapcast_schedule_fires_total'),
      family('process_start_time_seconds', 'gauge', 'When this process started, in seconds since the Unix epoch.', [{ value: Math.floor(sources.startedAt / 1000) }]),
      family('process_resident_memory_bytes', 'gauge', 'Resident memory of this process.', [{ value: process.memoryUsage.rss() }]),
    ].join('\n') + '\n'
  );
}
