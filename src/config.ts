import type { CountryCode } from 'libphonenumber-js';
import { isCountryCode } from './core/country-codes.js';
import { MAX_TIMER_MS } from './core/clock.js';
import { ConfigError } from './core/errors.js';
import { SettingsReader } from './config-reader.js';
import { SETTINGS, type SettingName } from './config-settings.js';

export { SETTINGS, type SettingName };
export { parseDotEnv, environmentWithDotEnv } from './config-reader.js';
import { parseQuietHours, type QuietHours } from './dispatch/quiet-hours.js';
import type { Pacing } from './dispatch/pacing.js';

export type TransportKind = 'baileys' | 'dry-run';
export type ExportSeparator = ',' | ';' | '\t';
export type ConsoleMode = 'auto' | 'on' | 'off';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  dataDir: string;
  sessionsDir: string;
  logLevel: LogLevel;
  defaultCountry: CountryCode | undefined;
  transport: TransportKind;
  /** The real WhatsApp link. */
  baileys: {
    /** The longest wait between reconnect attempts (they start at 1 s and double). */
    reconnectMaxMs: number;
    /** Another WhatsApp Web socket address (a relay); undefined: Baileys' own. */
    socketUrl: string | undefined;
    /** The client version to announce; undefined: ask WhatsApp Web at the first connect. */
    version: [number, number, number] | undefined;
    /** Texts with a link carry a preview of the first one (LINK_PREVIEWS). */
    linkPreviews: boolean;
  };
  dryRun: {
    logPath: string | undefined;
    failRate: number;
    latencyMs: number;
    pairAfterMs: number;
    /** The share of recipients that answer a moment after reading their message. */
    replyRate: number;
    /** What they answer, one picked at random each time. */
    replyTexts: readonly string[];
  };
  pacing: Pacing;
  dailyCap: number;
  quietHours: QuietHours | undefined;
  timeZone: string;
  retry: { maxRetries: number; baseMs: number; maxMs: number };
  /** How late a schedule's fire may still start after downtime. */
  catchUpMaxMs: number;
  /** Daily housekeeping deletes message texts, uploads, exports and login backups older than this; 0 keeps them. */
  retentionDays: number;
  /** GET /healthz and /metrics; port 0 = off. */
  health: { port: number; host: string };
  /** Limits on one /import: file size in bytes and data rows. */
  import: { maxBytes: number; maxRows: number };
  /** The separator of the CSV files zapcast writes (reports, rejected rows): `;` is what Excel expects in pt/es locales. */
  exportSeparator: ExportSeparator;
  /** WhatsApp numbers by session name; a campaign is bound to one (the first by default). */
  sessionNames: readonly string[];
  safety: SafetySettings;
  /** Inbound messages from numbers no campaign wrote to are forwarded too (otherwise only counted). */
  inboxAll: boolean;
  consoleMode: ConsoleMode;
  telegramToken: string | undefined;
  /** The Bot API root; tests point it at an emulator, operators at a local Bot API server. */
  telegramApiRoot: string;
  /** Telegram user ids (digits) obeyed by the bot; empty obeys nobody. */
  telegramOperators: readonly string[];
  /** Group chat ids (negative) where operators' commands are obeyed too; private chats always are. */
  telegramChats: readonly string[];
  /** Commands that change things and arrive later than this after being sent are not run; 0 runs them whatever their age. */
  telegramMaxUpdateAgeS: number;
  /** A chat (a group, or a forum group with a topic per contact) for the inbox; undefined: the operators' private chats. */
  telegramInboxChat: string | undefined;
  discord: DiscordSettings;
}

export interface DiscordSettings {
  token: string | undefined;
  /** The REST root; the gateway address comes from its GET /gateway/bot. */
  apiRoot: string;
  /** Commands are registered in this server (at once) or, when undefined, globally. */
  guildId: string | undefined;
  /** User ids and role ids obeyed by the bot; with neither it obeys nobody. */
  operators: readonly string[];
  operatorRoles: readonly string[];
  /** A channel for operator notices; undefined: each operator's DMs. */
  noticeChannel: string | undefined;
  /** A channel for the inbox, a thread per contact; undefined: where notices go. */
  inboxChannel: string | undefined;
}

export interface SafetySettings {
  optOutWords: readonly string[];
  optOutReply: string | undefined;
  breakerMaxFailures: number;
  breakerMinDeliveredRatio: number;
  breakerSample: number;
  /**
   * A sent message with no delivery receipt after this long counts as not
   * delivered (the breaker) and shows as "no receipt" (the report): WhatsApp
   * acknowledges a send without telling Baileys, so "sent" only means it left.
   */
  receiptTimeoutMs: number;
  warmUpDays: number;
  warmUpStartCap: number;
}

type Env = Record<string, string | undefined>;

/** Waits longer than one timer takes (about 24.8 days) are refused: nobody means a pause that long. */
const MAX_WAIT_MS = MAX_TIMER_MS;

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The zones ICU names without loading its calendar data (DateTimeFormat's first use costs about 20 ms of the start-up). */
let canonicalZones: Set<string> | undefined;

function isTimeZone(zone: string): boolean {
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (zone === 'UTC' || canonicalZones.has(zone)) return true;
  // Aliases (Etc/GMT+3, US/Eastern) and other spellings ICU takes: asked of ICU itself.
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The machine's zone, for TZ left empty. A process started with TZ set but
 * empty (`TZ=` in an env file) gets "Etc/Unknown" from ICU, which no clock
 * accepts; the C library reads that TZ as UTC, and so does zapcast.
 */
function systemTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return isTimeZone(zone) ? zone : 'UTC';
}

/** Environment -> typed Config, or a ConfigError listing one line per bad key. */
export function loadConfig(env: Env): Config {
  const read = new SettingsReader(env);

  const country = read.optional('DEFAULT_COUNTRY')?.toUpperCase();
  read.check(country === undefined || isCountryCode(country), 'DEFAULT_COUNTRY', 'a two-letter country code such as BR, ES or US, or empty');

  const zone = read.optional('TZ') ?? systemTimeZone();
  read.check(isTimeZone(zone), 'TZ', 'an IANA time zone such as America/Sao_Paulo');

  const quietText = read.optional('QUIET_HOURS');
  const quiet = quietText === undefined ? undefined : parseQuietHours(quietText);
  read.check(quiet === undefined || quiet.ok, 'QUIET_HOURS', 'HH:MM-HH:MM such as 21:00-08:00, or empty for none');

  const pacing: Pacing = {
    delayMinMs: read.integer('SEND_DELAY_MIN_MS', 0, MAX_WAIT_MS),
    delayMaxMs: read.integer('SEND_DELAY_MAX_MS', 0, MAX_WAIT_MS),
    longPauseEvery: read.integer('LONG_PAUSE_EVERY', 0),
    longPauseMinMs: read.integer('LONG_PAUSE_MIN_MS', 0, MAX_WAIT_MS),
    longPauseMaxMs: read.integer('LONG_PAUSE_MAX_MS', 0, MAX_WAIT_MS),
  };
  read.checkAgainst('SEND_DELAY_MIN_MS', pacing.delayMaxMs >= pacing.delayMinMs, 'SEND_DELAY_MAX_MS', `a value >= SEND_DELAY_MIN_MS (${pacing.delayMinMs})`);
  read.checkAgainst('LONG_PAUSE_MIN_MS', pacing.longPauseMaxMs >= pacing.longPauseMinMs, 'LONG_PAUSE_MAX_MS', `a value >= LONG_PAUSE_MIN_MS (${pacing.longPauseMinMs})`);

  const retry = {
    maxRetries: read.integer('MAX_RETRIES', 0, 100),
    baseMs: read.integer('RETRY_BASE_MS', 0, MAX_WAIT_MS),
    maxMs: read.integer('RETRY_MAX_MS', 0, MAX_WAIT_MS),
  };
  read.checkAgainst('RETRY_BASE_MS', retry.maxMs >= retry.baseMs, 'RETRY_MAX_MS', `a value >= RETRY_BASE_MS (${retry.baseMs})`);

  const health = { port: read.integer('HEALTH_PORT', 0, 65_535), host: read.string('HEALTH_HOST') };
  read.check(/^[A-Za-z0-9.:-]+$/.test(health.host), 'HEALTH_HOST', 'an address to listen on, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)');

  const telegramApiRoot = read.string('TELEGRAM_API_ROOT').replace(/\/+$/, '');
  read.check(/^https?:\/\/[^\s/]+/.test(telegramApiRoot) && URL.canParse(telegramApiRoot), 'TELEGRAM_API_ROOT', 'an http(s) URL such as https://api.telegram.org');
  const telegramOperators = read
    .string('TELEGRAM_OPERATORS')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  read.check(
    telegramOperators.every((id) => /^[1-9]\d{0,15}$/.test(id)),
    'TELEGRAM_OPERATORS',
    'numeric Telegram user ids separated by commas, such as 123456789,987654321 (the bot tells each user their id)',
  );

  const telegramChats = read
    .string('TELEGRAM_CHATS')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  read.check(
    telegramChats.every((id) => /^-?[1-9]\d{0,15}$/.test(id)),
    'TELEGRAM_CHATS',
    'Telegram chat ids separated by commas, such as -1001234567890 (group ids are negative; zapcast logs the id of a group where it ignored an operator)',
  );
  const discord = readDiscord(read);

  const sessionNames = [...new Set(read.string('WA_SESSIONS').split(',').map((n) => n.trim()).filter((n) => n !== ''))];
  read.check(sessionNames.length > 0 && sessionNames.every((n) => /^[a-z0-9][a-z0-9_-]{0,31}$/.test(n)), 'WA_SESSIONS', 'session names of lower-case letters, digits, - or _, separated by commas, such as main,shop');
  const safety: SafetySettings = {
    optOutWords: read.string('OPTOUT_WORDS').split(',').map((w) => w.trim()).filter((w) => w !== ''),
    optOutReply: read.optional('OPTOUT_REPLY'),
    breakerMaxFailures: read.integer('BREAKER_MAX_FAILURES', 0),
    breakerMinDeliveredRatio: read.fraction('BREAKER_MIN_DELIVERED_RATIO'),
    breakerSample: read.integer('BREAKER_SAMPLE', 0),
    receiptTimeoutMs: read.integer('RECEIPT_TIMEOUT_MS', 60_000, 30 * 86_400_000),
    warmUpDays: read.integer('WARMUP_DAYS', 0, 365),
    warmUpStartCap: read.integer('WARMUP_START_CAP', 1),
  };
  read.check(safety.optOutWords.length > 0, 'OPTOUT_WORDS', 'at least one word, separated by commas');

  const transport = read.choice<TransportKind>('WA_TRANSPORT', ['baileys', 'dry-run']);
  const socketUrl = read.optional('WA_SOCKET_URL');
  read.check(socketUrl === undefined || (/^wss?:\/\/[^\s/]+/.test(socketUrl) && URL.canParse(socketUrl)), 'WA_SOCKET_URL', 'a ws:// or wss:// URL, or empty for WhatsApp Web itself');
  const versionText = read.optional('WA_VERSION');
  const versionMatch = versionText === undefined ? undefined : /^(\d+)\.(\d+)\.(\d+)$/.exec(versionText);
  read.check(versionText === undefined || versionMatch !== null, 'WA_VERSION', 'three numbers such as 2.3000.1023456789, or empty to ask WhatsApp Web');
  const baileys: Config['baileys'] = {
    reconnectMaxMs: read.integer('WA_RECONNECT_MAX_MS', 1_000, 3_600_000),
    socketUrl,
    version: versionMatch ? [Number(versionMatch[1]), Number(versionMatch[2]), Number(versionMatch[3])] : undefined,
    linkPreviews: read.choice<'on' | 'off'>('LINK_PREVIEWS', ['on', 'off']) === 'on',
  };

  const config: Config = {
    dataDir: read.string('DATA_DIR'),
    sessionsDir: read.string('SESSIONS_DIR'),
    logLevel: read.choice<LogLevel>('LOG_LEVEL', LOG_LEVELS),
    defaultCountry: country as CountryCode | undefined,
    transport,
    baileys,
    dryRun: {
      logPath: read.optional('DRY_RUN_LOG'),
      failRate: read.fraction('DRY_RUN_FAIL_RATE'),
      latencyMs: read.integer('DRY_RUN_LATENCY_MS', 0, 600_000),
      pairAfterMs: read.integer('DRY_RUN_PAIR_AFTER_MS', 0, MAX_WAIT_MS),
      replyRate: read.fraction('DRY_RUN_REPLY_RATE'),
      replyTexts: replyTexts(read),
    },
    pacing,
    dailyCap: read.integer('DAILY_CAP', 0),
    quietHours: quiet?.ok ? quiet.value : undefined,
    timeZone: zone,
    retry,
    catchUpMaxMs: read.integer('CATCHUP_MAX_MS', 0),
    retentionDays: read.integer('RETENTION_DAYS', 0, 36_500),
    health,
    import: { maxBytes: read.integer('IMPORT_MAX_BYTES', 1), maxRows: read.integer('IMPORT_MAX_ROWS', 1) },
    exportSeparator: exportSeparator(read),
    sessionNames,
    safety,
    inboxAll: read.choice<'on' | 'off'>('INBOX_ALL', ['on', 'off']) === 'on',
    consoleMode: read.choice<ConsoleMode>('CONSOLE', ['auto', 'on', 'off']),
    telegramToken: read.optional('TELEGRAM_BOT_TOKEN'),
    telegramApiRoot,
    telegramOperators,
    telegramChats,
    // Telegram keeps undelivered updates for 24 hours; a longer limit would never apply.
    telegramMaxUpdateAgeS: read.integer('TELEGRAM_MAX_UPDATE_AGE_S', 0, 86_400),
    telegramInboxChat: telegramInboxChat(read),
    discord,
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

function replyTexts(read: SettingsReader): string[] {
  const texts = read
    .string('DRY_RUN_REPLY_TEXTS')
    .split('|')
    .map((text) => text.trim())
    .filter((text) => text !== '');
  read.check(texts.length > 0, 'DRY_RUN_REPLY_TEXTS', 'one or more answers separated by |, such as Thanks!|STOP');
  return texts;
}

function telegramInboxChat(read: SettingsReader): string | undefined {
  const chat = read.optional('TELEGRAM_INBOX_CHAT');
  read.check(chat === undefined || /^-?\d{1,20}$/.test(chat), 'TELEGRAM_INBOX_CHAT', "a chat id such as -1001234567890, or empty for the operators' private chats");
  return chat;
}

function exportSeparator(read: SettingsReader): ExportSeparator {
  const text = read.string('EXPORT_CSV_SEPARATOR');
  read.check(text === ',' || text === ';' || text === 'tab', 'EXPORT_CSV_SEPARATOR', 'a comma, a semicolon (;) or tab');
  return text === 'tab' ? '\t' : text === ';' ? ';' : ',';
}

/** The console is on when asked, or by default when no chat bot is configured. */
export function consoleEnabled(config: Config): boolean {
  if (config.consoleMode === 'on') return true;
  if (config.consoleMode === 'off') return false;
  return !config.telegramToken && !config.discord.token;
}

/** Discord ids are snowflakes: 17 to 20 digits. */
const SNOWFLAKE = /^\d{17,20}$/;

function snowflakes(read: SettingsReader, key: 'DISCORD_OPERATORS' | 'DISCORD_OPERATOR_ROLES', what: string): string[] {
  const ids = read
    .string(key)
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  read.check(ids.every((id) => SNOWFLAKE.test(id)), key, `${what} separated by commas, such as 123456789012345678 (Discord: Settings > Advanced > Developer Mode, then right-click > Copy ID)`);
  return ids;
}

function readDiscord(read: SettingsReader): DiscordSettings {
  const apiRoot = read.string('DISCORD_API_ROOT').replace(/\/+$/, '');
  read.check(/^https?:\/\/[^\s/]+/.test(apiRoot) && URL.canParse(apiRoot), 'DISCORD_API_ROOT', 'an http(s) URL such as https://discord.com/api');
  const guildId = read.optional('DISCORD_GUILD_ID');
  read.check(guildId === undefined || SNOWFLAKE.test(guildId), 'DISCORD_GUILD_ID', 'a server id (17-20 digits), or empty to register the commands globally');
  const noticeChannel = read.optional('DISCORD_NOTICE_CHANNEL');
  read.check(noticeChannel === undefined || SNOWFLAKE.test(noticeChannel), 'DISCORD_NOTICE_CHANNEL', "a channel id (17-20 digits), or empty for each operator's DMs");
  const inboxChannel = read.optional('DISCORD_INBOX_CHANNEL');
  read.check(inboxChannel === undefined || SNOWFLAKE.test(inboxChannel), 'DISCORD_INBOX_CHANNEL', 'a channel id (17-20 digits), or empty to send the inbox where notices go');
  return {
    token: read.optional('DISCORD_TOKEN'),
    apiRoot,
    guildId,
    operators: snowflakes(read, 'DISCORD_OPERATORS', 'Discord user ids'),
    operatorRoles: snowflakes(read, 'DISCORD_OPERATOR_ROLES', 'Discord role ids'),
    noticeChannel,
    inboxChannel,
  };
}
