/**
 * The settings of a process test: dry run, console on, UTC, data in the test's
 * own folder, no pacing and no daily cap unless the test says otherwise.
 */
export function appEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    WA_TRANSPORT: 'dry-run',
    CONSOLE: 'on',
    TZ: 'UTC',
    DATA_DIR: 'data',
    LOG_LEVEL: 'info',
    SEND_DELAY_MIN_MS: '0',
    SEND_DELAY_MAX_MS: '0',
    LONG_PAUSE_EVERY: '0',
    DAILY_CAP: '0',
    DRY_RUN_LATENCY_MS: '0',
    ...overrides,
  };
}
