import type { WAVersion } from 'baileys';
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
  /** Where the transport keeps what it sent (in memory here; SQLite in the app). */
  sentContents: Map<string, Uint8Array>;
  events: EventLog;
  /** When WhatsApp Web was asked for its current version. */
  versionQuestions: number[];
  /** connect(), then the fake WhatsApp opens the link. */
  linked(): Promise<void>;
}

export interface HarnessOptions {
  sessionsDir?: string;
  /** Pins the version announced; [2, 3000, 1] unless `whatsAppWebVersions` is given. */
  version?: WAVersion;
  /** What asking WhatsApp Web for its current version answers, one per question (the last repeats); nothing is pinned then. */
  whatsAppWebVersions?: WAVersion[];
  /** LINK_PREVIEWS (on unless false). */
  linkPreviews?: boolean;
}

/** A Baileys transport on a fake socket, a fake clock and a real session folder in a temp dir. */
export function baileysHarness(options: HarnessOptions = {}): Harness {
  const clock = new FakeClock();
  const factory = new FakeSocketFactory();
  const sessionsDir = options.sessionsDir ?? tempDir();
  const sentContents = new Map<string, Uint8Array>();
  const answers = options.whatsAppWebVersions;
  const versionQuestions: number[] = [];
  const transport = new BaileysTransport({
    sessionName: 'main',
    sessionsDir,
    clock,
    random: seededRandom(11),
    logger: silentLogger(),
    sentContents: { save: (id, content) => void sentContents.set(id, content), load: (id) => sentContents.get(id) },
    version: options.version ?? (answers ? undefined : [2, 3000, 1]),
    ...(answers
      ? {
          fetchVersion: async () => {
            versionQuestions.push(clock.now());
            return answers[Math.min(versionQuestions.length, answers.length) - 1];
          },
        }
      : {}),
    socketFactory: factory.create,
    ...(options.linkPreviews === undefined ? {} : { linkPreviews: options.linkPreviews }),
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
    sentContents,
    events,
    versionQuestions,
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
