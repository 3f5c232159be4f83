import { PassThrough } from 'node:stream';
import { createApp, type App } from '../../src/app.js';
import { silentLogger } from '../../src/core/logger.js';
import { seededRandom } from '../../src/core/random.js';
import { DryRunTransport } from '../../src/whatsapp/dry-run-transport.js';
import { FakeClock } from './fake-clock.js';
import { tempDir } from './temp-dir.js';
import { testConfig } from './test-config.js';

export interface TestApp {
  app: App;
  clock: FakeClock;
  transport: DryRunTransport;
  dataDir: string;
  /** Console output so far. */
  output(): string;
  /** Types a line on the console and waits until it is handled. */
  type(line: string): Promise<string>;
  /** Stops the app, moving the fake clock so a message in flight can finish. */
  stop(): Promise<void>;
}

/** The whole app on a real SQLite file in a temp dir, a fake clock and a dry-run transport. */
export function createTestApp(overrides: Record<string, string> = {}, options: { pairAfterMs?: number; dataDir?: string } = {}): TestApp {
  const dataDir = options.dataDir ?? tempDir();
  const clock = new FakeClock();
  const input = new PassThrough();
  const outputStream = new PassThrough();
  let output = '';
  outputStream.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const config = testConfig({ CONSOLE: 'on', ...overrides }, dataDir);
  let transport: DryRunTransport | undefined;
  const app = createApp({
    config,
    logger: silentLogger(),
    clock,
    random: seededRandom(42),
    input,
    output: outputStream,
    transportFor: (sessionName) =>
      (transport = new DryRunTransport({
        sessionName,
        clock,
        random: seededRandom(7),
        logPath: config.dryRun.logPath,
        failRate: config.dryRun.failRate,
        latencyMs: config.dryRun.latencyMs,
        pairAfterMs: options.pairAfterMs ?? config.dryRun.pairAfterMs,
        replyRate: config.dryRun.replyRate,
        replyTexts: config.dryRun.replyTexts,
      })),
  });
  const consoleFrontEnd = app.frontEnds.find((f) => f.name === 'console') as unknown as { idle(): Promise<void> };
  return {
    app,
    clock,
    transport: transport!,
    dataDir,
    output: () => output,
    async stop() {
      let stopped = false;
      const stopping = app.stop().then(() => (stopped = true));
      await clock.runUntil(() => stopped, 3_600_000);
      await stopping;
    },
    async type(line: string) {
      const before = output.length;
      input.write(`${line}\n`);
      await clock.settle();
      await consoleFrontEnd.idle();
      await clock.settle();
      return output.slice(before);
    },
  };
}
