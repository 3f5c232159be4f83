import { loadConfig, type Config } from '../../src/config.js';

/** A valid config for tests: dry run, no pacing unless a test sets it, UTC. */
export function testConfig(overrides: Record<string, string> = {}, dataDir = 'data'): Config {
  return loadConfig({
    DATA_DIR: dataDir,
    WA_TRANSPORT: 'dry-run',
    TZ: 'UTC',
    SEND_DELAY_MIN_MS: '0',
    SEND_DELAY_MAX_MS: '0',
    LONG_PAUSE_EVERY: '0',
    DRY_RUN_LATENCY_MS: '0',
    DAILY_CAP: '0',
    CONSOLE: 'off',
    ...overrides,
  });
}
