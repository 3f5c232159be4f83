import { PassThrough } from 'node:stream';
import { createApp, type App } from '../../../src/app.js';
import { silentLogger } from '../../../src/core/logger.js';
import { seededRandom } from '../../../src/core/random.js';
import { BaileysTransport, type BaileysTransportOptions } from '../../../src/whatsapp/baileys/baileys-transport.js';
import { FakeClock } from '../fake-clock.js';
import { tempDir } from '../temp-dir.js';
import { testConfig } from '../test-config.js';
import { FakeSocketFactory } from './fake-socket.js';

export interface BaileysTestApp {
  app: App;
  clock: FakeClock;
  factory: FakeSocketFactory;
  transport: BaileysTransport;
  /** Starts the app and lets the fake WhatsApp open the link. */
  startLinked(): Promise<void>;
  stop(): Promise<void>;
}

/** The whole app on real SQLite and session files in a temp dir, with the real Baileys transport on the fake socket. */
export function baileysTestApp(overrides: Record<string, string> = {}, transportOptions: Partial<BaileysTransportOptions> = {}): BaileysTestApp {
  const dataDir = tempDir();
  const clock = new FakeClock();
  const factory = new FakeSocketFactory();
  const config = testConfig({ WA_TRANSPORT: 'baileys', ...overrides }, dataDir);
  let transport: BaileysTransport | undefined;
  const app = createApp({
    config,
    logger: silentLogger(),
    clock,
    random: seededRandom(42),
    input: new PassThrough(),
    output: new PassThrough(),
    transportFor: (sessionName) =>
      (transport = new BaileysTransport({
        sessionName,
        sessionsDir: `${dataDir}/sessions`,
        clock,
        random: seededRandom(7),
        logger: silentLogger(),
        // The app (and its database) exists once createApp returns; sends come after that.
        sentContents: { save: (...args) => app.services.repos.sentContents.save(...args), load: (id) => app.services.repos.sentContents.load(id) },
        version: [2, 3000, 1],
        socketFactory: factory.create,
        ...transportOptions,
      })),
  });
  return {
    app,
    clock,
    factory,
    transport: transport!,
    async startLinked() {
      await app.start();
      await clock.settle();
      factory.latest.open();
      await clock.settle();
    },
    async stop() {
      let stopped = false;
      const stopping = app.stop().then(() => (stopped = true));
      await clock.runUntil(() => stopped, 3_600_000);
      await stopping;
    },
  };
}
