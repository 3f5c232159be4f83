import { existsSync, readFileSync } from 'node:fs';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { ConfigError } from './core/errors.js';
import { parseQuietHours, type QuietHours } from './dispatch/quiet-hours.js';
import type { Pacing } from './dispatch/pacing.js';

export type TransportKind = 'baileys' | 'dry-run';
export type ConsoleMode = 'auto' | 'on' | 'off';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  dataDir: string;
  sessionsDir: string;
  logLevel: LogLevel;
  defaultCountry: CountryCode | undefined;
  transport: TransportKind;
  dryRun: {
    logPath: string | undefined;
    failRate: number;
    latencyMs: number;
    pairAfterMs: number;
  };
  pacing: Pacing;
  dailyCap: number;
  quietHours: QuietHours | undefined;
  timeZone: string;
  retry: { maxRetries: number; baseMs: number; maxMs: number };
  consoleMode: ConsoleMode;
  telegramToken: string | undefined;
  discordToken: string | undefined;
}

type Env = Record<string, string | undefined>;

/**
 * Every setting, its default and what it accepts. `.env.example` mirrors this
 * table; a test keeps the two in step.
 */
export const SETTINGS = {
  DATA_DIR: 'data',
  SESSIONS_DIR: 'sessions',
  LOG_LEVEL: 'info',
  DEFAULT_COUNTRY: '',
  WA_TRANSPORT: 'dry-run',
  DRY_RUN_LOG: '',
  DRY_RUN_FAIL_RATE: '0',
  DRY_RUN_LATENCY_MS: '300',
  DRY_RUN_PAIR_AFTER_MS: '0',
  SEND_DELAY_MIN_MS: '4000',
  SEND_DELAY_MAX_MS: '8000',
  LONG_PAUSE_EVERY: '10',
  LONG_PAUSE_MIN_MS: '20000',
  LONG_PAUSE_MAX_MS: '40000',
  DAILY_CAP: '1000',
  QUIET_HOURS: '',
  TZ: '',
  MAX_RETRIES: '3',
  RETRY_BASE_MS: '60000',
  RETRY_MAX_MS: '600000',
  CONSOLE: 'auto',
  TELEGRAM_BOT_TOKEN: '',
  DISCORD_TOKEN: '',
} as const;

export type SettingName = keyof typeof SETTINGS;

/** Reads KEY=VALUE lines; values may be quoted; `#` starts a comment line. */
export function parseDotEnv(text: string): Env {
  const env: Env = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2] ?? '';
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2] ?? '';
    else value = value.replace(/\s+#.*$/, '');
    env[match[1]!] = value;
  }
  return env;
}

/** The process environment wins over `.env`, as operators expect from docker and systemd. */
export function environmentWithDotEnv(env: Env, dotEnvPath = '.env'): Env {
  if (!existsSync(dotEnvPath)) return env;
  return { ...parseDotEnv(readFileSync(dotEnvPath, 'utf8')), ...env };
}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(key: SettingName): string {
    const value = this.env[key];
    return value === undefined || value.trim() === '' ? SETTINGS[key] : value.trim();
  }

  private problem(key: SettingName, value: string, expected: string): void {
    this.problems.push(`${key}=${JSON.stringify(value)} is invalid: expected ${expected}.`);
  }

  string(key: SettingName): string {
    return this.raw(key);
  }

  optional(key: SettingName): string | undefined {
    const value = this.raw(key);
    return value === '' ? undefined : value;
  }

  choice<T extends string>(key: SettingName, choices: readonly T[]): T {
    const value = this.raw(key);
    if ((choices as readonly string[]).includes(value)) return value as T;
    this.problem(key, value, `one of ${choices.join(', ')}`);
    return choices[0]!;
  }

  integer(key: SettingName, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.raw(key);
    const parsed = Number(value);
    if (/^-?\d+$/.test(value) && parsed >= min && parsed <= max) return parsed;
    const range = max === Number.MAX_SAFE_INTEGER ? `a whole number >= ${min}` : `a whole number from ${min} to ${max}`;
    this.problem(key, value, range);
    return Number(SETTINGS[key]);
  }

  fraction(key: SettingName): number {
    const value = this.raw(key);
    const parsed = Number(value);
    if (value !== '' && Number.isFinite(parsed) && parsed >= 0 && parsed <= 1) return parsed;
    this.problem(key, value, 'a number from 0 to 1');
    return 0;
  }

  check(condition: boolean, key: SettingName, expected: string): void {
    if (!condition) this.problem(key, this.raw(key), expected);
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Environment -> typed Config, or a ConfigError listing one line per bad key. */
export function loadConfig(env: Env): Config {
  const read = new Reader(env);

  const country = read.optional('DEFAULT_COUNTRY')?.toUpperCase();
  read.check(country === undefined || isSupportedCountry(country), 'DEFAULT_COUNTRY', 'a two-letter country code such as BR, ES or US, or empty');

  const zone = read.optional('TZ') ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  read.check(isTimeZone(zone), 'TZ', 'an IANA time zone such as America/Sao_Paulo');

  const quietText = read.optional('QUIET_HOURS');
  const quiet = quietText === undefined ? undefined : parseQuietHours(quietText);
  read.check(quiet === undefined || quiet.ok, 'QUIET_HOURS', 'HH:MM-HH:MM such as 21:00-08:00, or empty for none');

  const pacing: Pacing = {
    delayMinMs: read.integer('SEND_DELAY_MIN_MS', 0),
    delayMaxMs: read.integer('SEND_DELAY_MAX_MS', 0),
    longPauseEvery: read.integer('LONG_PAUSE_EVERY', 0),
    longPauseMinMs: read.integer('LONG_PAUSE_MIN_MS', 0),
    longPauseMaxMs: read.integer('LONG_PAUSE_MAX_MS', 0),
  };
  read.check(pacing.delayMaxMs >= pacing.delayMinMs, 'SEND_DELAY_MAX_MS', `a value >= SEND_DELAY_MIN_MS (${pacing.delayMinMs})`);
  read.check(pacing.longPauseMaxMs >= pacing.longPauseMinMs, 'LONG_PAUSE_MAX_MS', `a value >= LONG_PAUSE_MIN_MS (${pacing.longPauseMinMs})`);

  const retry = {
    maxRetries: read.integer('MAX_RETRIES', 0, 100),
    baseMs: read.integer('RETRY_BASE_MS', 0),
    maxMs: read.integer('RETRY_MAX_MS', 0),
  };
  read.check(retry.maxMs >= retry.baseMs, 'RETRY_MAX_MS', `a value >= RETRY_BASE_MS (${retry.baseMs})`);

  const transport = read.choice<TransportKind>('WA_TRANSPORT', ['dry-run', 'baileys']);
  // The Baileys link arrives with its own adapter; until then refusing is honest.
  read.check(transport !== 'baileys', 'WA_TRANSPORT', 'dry-run (the baileys link is not part of this build yet)');

  const config: Config = {
    dataDir: read.string('DATA_DIR'),
    sessionsDir: read.string('SESSIONS_DIR'),
    logLevel: read.choice<LogLevel>('LOG_LEVEL', LOG_LEVELS),
    defaultCountry: country as CountryCode | undefined,
    transport,
    dryRun: {
      logPath: read.optional('DRY_RUN_LOG'),
      failRate: read.fraction('DRY_RUN_FAIL_RATE'),
      latencyMs: read.integer('DRY_RUN_LATENCY_MS', 0, 600_000),
      pairAfterMs: read.integer('DRY_RUN_PAIR_AFTER_MS', 0),
    },
    pacing,
    dailyCap: read.integer('DAILY_CAP', 0),
    quietHours: quiet?.ok ? quiet.value : undefined,
    timeZone: zone,
    retry,
    consoleMode: read.choice<ConsoleMode>('CONSOLE', ['auto', 'on', 'off']),
    telegramToken: read.optional('TELEGRAM_BOT_TOKEN'),
    discordToken: read.optional('DISCORD_TOKEN'),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** The console is on when asked, or by default when no chat bot is configured. */
export function consoleEnabled(config: Config): boolean {
  if (config.consoleMode === 'on') return true;
  if (config.consoleMode === 'off') return false;
  return !config.telegramToken && !config.discordToken;
}
