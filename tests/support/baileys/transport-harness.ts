import { afterEach } from 'vitest';
import { silentLogger } from '../../../src/core/logger.js';
import { seededRandom } from '../../../src/core/random.js';
import { BaileysTransport } from '../../../src/whatsapp/baileys/baileys-transport.js';
import type { TransportEvents } from '../../../src/whatsapp/transport.js';
import { FakeClock } from '../fake-clock.js';
import { tempDir } from '../temp-dir.js';
import { FakeSocketFactory } from './fake-socket.js';

export type EventLog = { [K in keyof TransportEvents]: TransportEvents[K][] };

const open = new Set<BaileysTransport>();

export interface Harness {
  clock: FakeClock;
  factory: FakeSocketFactory;
  sessionsDir: string;
  transport: BaileysTransport;
  /** What the injected lookup answers for a sent message id. */
  texts: Map<string, string>;
  events: EventLog;
  /** connect(), then the fake WhatsApp opens the link. */
  linked(): Promise<void>;
}

/** A Baileys transport on a fake socket, a fake clock and a real session folder in a temp dir. */
export function baileysHarness(options: { sessionsDir?: string } = {}): Harness {
  const clock = new FakeClock();
  const factory = new FakeSocketFactory();
  const sessionsDir = options.sessionsDir ?? tempDir();
  const texts = new Map<string, string>();
  const transport = new BaileysTransport({
    sessionName: 'main',
    sessionsDir,
    clock,
    random: seededRandom(11),
    logger: silentLogger(),
    messageText: (id) => texts.get(id),
    version: [2, 3000, 1],
    socketFactory: factory.create,
  });
  open.add(transport);
  const events: EventLog = { state: [], qr: [], open: [], close: [], receipt: [], inbound: [], capping: [] };
  for (const name of Object.keys(events) as (keyof TransportEvents)[]) {
    transport.events.on(name, (payload) => (events[name] as unknown[]).push(payload));
  }
  return {
    clock,
    factory,
    sessionsDir,
    transport,
    texts,
    events,
    async linked() {
      await transport.connect();
      await clock.settle();
      factory.latest.open();
      await clock.settle();
    },
  };
}

// Every transport releases its session lock, even when a test fails.
afterEach(async () => {
  for (const transport of [...open]) await transport.close();
  open.clear();
});
