import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/logger.js';

/** 'fast': everything that waits switched off; 'defaults': the settings as the README gives them. */
export type BenchSettings = 'fast' | 'defaults';

/**
 * The whole app as `npm start` builds it (real clock, real SQLite file, the
 * dry-run transport). 'fast' goes as fast as it can: no send latency, no
 * pacing, no daily cap, so the figures are the queue's own; 'defaults' keeps
 * the README's pacing, long pauses, cap and warm-up, as operators get them.
 * Neither has a console or a log file.
 */
export function createBenchApp(dataDir: string, settings: BenchSettings = 'fast'): App {
  const fast = {
    DRY_RUN_LATENCY_MS: '0',
    SEND_DELAY_MIN_MS: '0',
    SEND_DELAY_MAX_MS: '0',
    LONG_PAUSE_EVERY: '0',
    DAILY_CAP: '0',
  };
  const config = loadConfig({
    DATA_DIR: dataDir,
    WA_TRANSPORT: 'dry-run',
    TZ: 'UTC',
    ...(settings === 'fast' ? fast : {}),
    CONSOLE: 'off',
    LOG_LEVEL: 'silent',
  });
  return createApp({ config, logger: silentLogger() });
}

export const BENCH_TEMPLATE = 'Hi {name}, the {city} meeting is on Monday. Reply STOP to opt out.';
