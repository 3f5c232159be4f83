import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/logger.js';

/**
 * The whole app as `npm start` builds it (real clock, real SQLite file, the
 * dry-run transport), tuned to go as fast as it can: no send latency, no pacing,
 * no daily cap, no console, and no log file, so the figures are the queue's own.
 */
export function createBenchApp(dataDir: string): App {
  const config = loadConfig({
    DATA_DIR: dataDir,
    WA_TRANSPORT: 'dry-run',
    TZ: 'UTC',
    DRY_RUN_LATENCY_MS: '0',
    SEND_DELAY_MIN_MS: '0',
    SEND_DELAY_MAX_MS: '0',
    LONG_PAUSE_EVERY: '0',
    DAILY_CAP: '0',
    CONSOLE: 'off',
    LOG_LEVEL: 'silent',
  });
  return createApp({ config, logger: silentLogger() });
}

export const BENCH_TEMPLATE = 'Hi {name}, the {city} meeting is on Monday. Reply STOP to opt out.';
