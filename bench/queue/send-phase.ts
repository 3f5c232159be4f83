import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { RssSampler } from '../support/rss-sampler.js';
import { DEFAULT_SESSION, type App } from '../../src/app.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/connection.js';
import { createBenchApp, type BenchSettings } from './bench-app.js';
import { createRawTable, rawInsertRate, rawUpdateOne } from './raw-limits.js';

/**
 * Child process of the queue bench: opens the data dir the bench filled, starts
 * the app as a restart would (the 1M-message run is `running`, so its send loop
 * takes it up) and sends through the real Dispatcher and SendLoop for a while,
 * sampling RSS. Its own process, so the bench's seeding does not count in RSS.
 */
export interface SendPhaseResult {
  sent: number;
  /** Messages that got a delivered or read receipt written while sending. */
  receipts: number;
  seconds: number;
  rssBeforeBytes: number;
  peakRssBytes: number;
  rssSamples: number;
  maxLoopDelayMs: number;
  p99LoopDelayMs: number;
  /** The disk's plain durable commits per second, measured right after sending (the ceiling of one commit per message). */
  rawCommitsPerSecond: number;
}

const RAW_ROWS = 10_000;
const RAW_MS = 2_000;

function rawCommitRate(dataDir: string): number {
  const path = join(dataDir, 'raw-commits.db');
  const removeFiles = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  };
  removeFiles();
  const db = openDatabase(path);
  try {
    createRawTable(db);
    rawInsertRate(db, 0, RAW_ROWS);
    const updateOne = rawUpdateOne(db, RAW_ROWS);
    const started = performance.now();
    let commits = 0;
    while (performance.now() - started < RAW_MS) {
      updateOne();
      commits++;
    }
    return commits / ((performance.now() - started) / 1000);
  } finally {
    db.close();
    removeFiles();
  }
}

function withReceipt(app: App, runId: number): number {
  const c = app.services.repos.counters.forRun(runId);
  return c.delivered + c.read;
}

/** Messages of the run that reached an outcome: sent (and later receipts) or failed. */
function handled(app: App, runId: number): number {
  const c = app.services.repos.counters.forRun(runId);
  return c.sent + c.delivered + c.read + c.failed;
}

async function main(): Promise<void> {
  const [dataDir, runIdText, durationText, modeText] = process.argv.slice(2);
  if (!dataDir || !runIdText || !durationText || (modeText !== 'fast' && modeText !== 'defaults')) {
    throw new Error('usage: send-phase <data dir> <run id> <duration ms> fast|defaults');
  }
  const mode: BenchSettings = modeText;
  const runId = Number(runIdText);
  const durationMs = Number(durationText);
  const app = createBenchApp(dataDir, mode);
  // A number linked now: warm-up day 1, the tightest cap the defaults give.
  if (mode === 'defaults') {
    app.services.repos.waSessions.setLinkState(DEFAULT_SESSION, 'open', '+5511900000000', Date.now());
    // The fast phase's sends counted toward today and would hold the cap all day: this phase starts the day afresh.
    app.services.repos.db.prepare('DELETE FROM run_counters WHERE run_id = 0').run();
  }

  const sampler = new RssSampler(100);
  const rssBeforeBytes = sampler.sample();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const before = handled(app, runId);
  const receiptsBefore = withReceipt(app, runId);
  sampler.start();
  lag.enable();
  const started = performance.now();
  await app.start();
  await new Promise<void>((resolve) => setTimeout(resolve, durationMs));
  await app.stop();
  const seconds = (performance.now() - started) / 1000;
  lag.disable();
  const { peakBytes, samples } = sampler.stop();

  // Counted on a fresh connection after the stop: what is on disk, not what was meant.
  const reopened = createBenchApp(dataDir, mode);
  const after = handled(reopened, runId);
  const receiptsAfter = withReceipt(reopened, runId);
  await reopened.stop();

  const result: SendPhaseResult = {
    sent: after - before,
    receipts: receiptsAfter - receiptsBefore,
    seconds,
    rssBeforeBytes,
    peakRssBytes: peakBytes,
    rssSamples: samples,
    maxLoopDelayMs: lag.max / 1e6,
    p99LoopDelayMs: lag.percentile(99) / 1e6,
    rawCommitsPerSecond: rawCommitRate(dataDir),
  };
  process.send?.(result);
}

main().catch((error: unknown) => {
  process.stderr.write(`send phase failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
