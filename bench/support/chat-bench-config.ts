import { loadConfig, type Config } from '../../src/config.js';

/**
 * The settings of a chat bench: a dry-run WhatsApp sending as fast as it can
 * (no pacing, no cap, 2 ms a send), no console, data in `dir`, the chat bot's
 * own settings on top.
 */
export function chatBenchConfig(dir: string, bot: Record<string, string>): Config {
  return loadConfig({
    DATA_DIR: dir,
    TZ: 'UTC',
    WA_TRANSPORT: 'dry-run',
    DRY_RUN_LATENCY_MS: '2',
    SEND_DELAY_MIN_MS: '0',
    SEND_DELAY_MAX_MS: '0',
    LONG_PAUSE_EVERY: '0',
    DAILY_CAP: '0',
    CONSOLE: 'off',
    ...bot,
  });
}
