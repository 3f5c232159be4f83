import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleEnabled, loadConfig, parseDotEnv, SETTINGS } from '../../src/config.js';
import { ConfigError } from '../../src/core/errors.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('config', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({ TZ: 'UTC' });
    expect(config.pacing).toEqual({ delayMinMs: 4000, delayMaxMs: 8000, longPauseEvery: 10, longPauseMinMs: 20000, longPauseMaxMs: 40000 });
    expect(config.retry).toEqual({ maxRetries: 3, baseMs: 60000, maxMs: 600000 });
    expect(config.dataDir).toBe('data');
    expect(config.quietHours).toBeUndefined();
    expect(config.consoleMode).toBe('auto');
    expect(config.safety.receiptTimeoutMs).toBe(86_400_000);
    expect(config.baileys.linkPreviews).toBe(true);
    expect(config.dryRun.replyRate).toBe(0);
    expect(config.dryRun.replyTexts).toEqual(['Thanks!', 'Who is this?', 'STOP']);
    expect(config.inboxAll).toBe(false);
    expect(config.telegramInboxChat).toBeUndefined();
    expect(config.discord.inboxChannel).toBeUndefined();
  });

  it('reads the inbox settings and refuses a reply rate outside 0..1 or an inbox chat that is not an id', () => {
    const config = loadConfig({ TZ: 'UTC', INBOX_ALL: 'on', DRY_RUN_REPLY_RATE: '1', DRY_RUN_REPLY_TEXTS: 'Ok | SAIR', TELEGRAM_INBOX_CHAT: '-1001234567890', DISCORD_INBOX_CHANNEL: '555555555555555555' });
    expect(config.inboxAll).toBe(true);
    expect(config.dryRun).toMatchObject({ replyRate: 1, replyTexts: ['Ok', 'SAIR'] });
    expect(config.telegramInboxChat).toBe('-1001234567890');
    expect(config.discord.inboxChannel).toBe('555555555555555555');
    const problems = problemsOf({ TZ: 'UTC', DRY_RUN_REPLY_RATE: '1.5', TELEGRAM_INBOX_CHAT: '@ops', DISCORD_INBOX_CHANNEL: 'inbox' });
    expect(problems.map((problem) => problem.split('=')[0]).sort()).toEqual(['DISCORD_INBOX_CHANNEL', 'DRY_RUN_REPLY_RATE', 'TELEGRAM_INBOX_CHAT']);
  });

  it('turns link previews off with LINK_PREVIEWS=off and refuses anything but on or off', () => {
    expect(loadConfig({ TZ: 'UTC', LINK_PREVIEWS: 'off' }).baileys.linkPreviews).toBe(false);
    expect(problemsOf({ TZ: 'UTC', LINK_PREVIEWS: 'yes' })[0]).toMatch(/^LINK_PREVIEWS="yes" is invalid: expected one of on, off/);
  });

  it('refuses a receipt timeout under a minute or over 30 days', () => {
    expect(problemsOf({ TZ: 'UTC', RECEIPT_TIMEOUT_MS: '59999' })[0]).toMatch(/^RECEIPT_TIMEOUT_MS="59999" is invalid/);
    expect(problemsOf({ TZ: 'UTC', RECEIPT_TIMEOUT_MS: '2592000001' })[0]).toMatch(/^RECEIPT_TIMEOUT_MS="2592000001" is invalid/);
    expect(loadConfig({ TZ: 'UTC', RECEIPT_TIMEOUT_MS: '3600000' }).safety.receiptTimeoutMs).toBe(3_600_000);
  });

  it('names every bad key with its value and what it expects, one line each', () => {
    const problems = problemsOf({ SEND_DELAY_MIN_MS: 'abc', QUIET_HOURS: '25:00-08:00', TZ: 'Mars/Olympus', DRY_RUN_FAIL_RATE: '2', CONSOLE: 'maybe' });
    expect(problems).toHaveLength(5);
    expect(problems[0]).toBe('TZ="Mars/Olympus" is invalid: expected an IANA time zone such as America/Sao_Paulo.');
    expect(problems.some((p) => p.startsWith('SEND_DELAY_MIN_MS="abc" is invalid: expected a whole number from 0 to 2147483647'))).toBe(true);
    expect(problems.some((p) => p.startsWith('QUIET_HOURS="25:00-08:00" is invalid: expected HH:MM-HH:MM'))).toBe(true);
    expect(problems.some((p) => p.startsWith('DRY_RUN_FAIL_RATE="2" is invalid: expected a number from 0 to 1'))).toBe(true);
    expect(problems.some((p) => p.startsWith('CONSOLE="maybe" is invalid: expected one of auto, on, off'))).toBe(true);
  });

  it('refuses a maximum delay below the minimum', () => {
    expect(problemsOf({ TZ: 'UTC', SEND_DELAY_MIN_MS: '9000', SEND_DELAY_MAX_MS: '100' })).toEqual([
      'SEND_DELAY_MAX_MS="100" is invalid: expected a value >= SEND_DELAY_MIN_MS (9000).',
    ]);
  });

  it('accepts zero delays and pauses as "none"', () => {
    const config = loadConfig({ TZ: 'UTC', SEND_DELAY_MIN_MS: '0', SEND_DELAY_MAX_MS: '0', LONG_PAUSE_EVERY: '0' });
    expect(config.pacing.delayMaxMs).toBe(0);
    expect(config.pacing.longPauseEvery).toBe(0);
  });

  it('turns the console on by default only when no chat token is set', () => {
    expect(consoleEnabled(loadConfig({ TZ: 'UTC' }))).toBe(true);
    expect(consoleEnabled(loadConfig({ TZ: 'UTC', TELEGRAM_BOT_TOKEN: '123:abc' }))).toBe(false);
    expect(consoleEnabled(loadConfig({ TZ: 'UTC', TELEGRAM_BOT_TOKEN: '123:abc', CONSOLE: 'on' }))).toBe(true);
    expect(consoleEnabled(loadConfig({ TZ: 'UTC', DISCORD_TOKEN: 'abc.def.ghi' }))).toBe(false);
  });

  it('reads the Discord settings, with the official API root by default', () => {
    const config = loadConfig({
      TZ: 'UTC',
      DISCORD_TOKEN: 'abc.def.ghi',
      DISCORD_API_ROOT: 'http://127.0.0.1:9000/api/',
      DISCORD_GUILD_ID: '123456789012345678',
      DISCORD_OPERATORS: '111111111111111111, 222222222222222222',
      DISCORD_OPERATOR_ROLES: '333333333333333333',
      DISCORD_NOTICE_CHANNEL: '444444444444444444',
    });
    expect(config.discord).toEqual({
      token: 'abc.def.ghi',
      apiRoot: 'http://127.0.0.1:9000/api',
      guildId: '123456789012345678',
      operators: ['111111111111111111', '222222222222222222'],
      operatorRoles: ['333333333333333333'],
      noticeChannel: '444444444444444444',
    });
    expect(loadConfig({ TZ: 'UTC' }).discord).toMatchObject({ token: undefined, apiRoot: 'https://discord.com/api', guildId: undefined, operators: [], noticeChannel: undefined });
  });

  it('refuses Discord ids that are not snowflakes, one line per setting', () => {
    let problems: string[] = [];
    try {
      loadConfig({ TZ: 'UTC', DISCORD_OPERATORS: '@olivia', DISCORD_GUILD_ID: 'my-server', DISCORD_API_ROOT: 'discord.com' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(/^DISCORD_API_ROOT="discord.com" is invalid: expected an http\(s\) URL/),
      expect.stringMatching(/^DISCORD_GUILD_ID="my-server" is invalid: expected a server id/),
      expect.stringMatching(/^DISCORD_OPERATORS="@olivia" is invalid: expected Discord user ids/),
    ]);
  });

  it('reads the Telegram groups allowlist and the age past which commands are not run', () => {
    const defaults = loadConfig({ TZ: 'UTC' });
    expect(defaults.telegramChats).toEqual([]);
    expect(defaults.telegramMaxUpdateAgeS).toBe(300);
    const set = loadConfig({ TZ: 'UTC', TELEGRAM_CHATS: ' -1001234567890, -4002 ', TELEGRAM_MAX_UPDATE_AGE_S: '0' });
    expect(set.telegramChats).toEqual(['-1001234567890', '-4002']);
    expect(set.telegramMaxUpdateAgeS).toBe(0);
    const problems = problemsOf({ TZ: 'UTC', TELEGRAM_CHATS: '-100,ops-group', TELEGRAM_MAX_UPDATE_AGE_S: '90000' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^TELEGRAM_CHATS="-100,ops-group" is invalid: expected Telegram chat ids separated by commas/);
    expect(problems[1]).toBe('TELEGRAM_MAX_UPDATE_AGE_S="90000" is invalid: expected a whole number from 0 to 86400.');
  });

  it('reads the export separator: , by default, ; or tab', () => {
    expect(loadConfig({ TZ: 'UTC' }).exportSeparator).toBe(',');
    expect(loadConfig({ TZ: 'UTC', EXPORT_CSV_SEPARATOR: ';' }).exportSeparator).toBe(';');
    expect(loadConfig({ TZ: 'UTC', EXPORT_CSV_SEPARATOR: 'tab' }).exportSeparator).toBe('\t');
    expect(problemsOf({ TZ: 'UTC', EXPORT_CSV_SEPARATOR: '|' })).toEqual(['EXPORT_CSV_SEPARATOR="|" is invalid: expected a comma, a semicolon (;) or tab.']);
  });

  it('reads .env lines with quotes and comments', () => {
    expect(parseDotEnv('# comment\nA=1\nB="two words"\nexport C=3 # trailing\n')).toEqual({ A: '1', B: 'two words', C: '3' });
  });

  it('reads a quoted .env value followed by a comment, and one over several lines', () => {
    expect(parseDotEnv('OPTOUT_REPLY="Done, bye" # sent once\nQUIET_HOURS=\'21:00-08:00\'\nNOTE="first\nsecond"\n')).toEqual({
      OPTOUT_REPLY: 'Done, bye',
      QUIET_HOURS: '21:00-08:00',
      NOTE: 'first\nsecond',
    });
  });

  it('refuses a .env line that is not KEY=VALUE, naming it, instead of losing the setting after it', () => {
    expect(() => parseDotEnv('DAILY_CAP=10\nthis is not a setting\nTZ=UTC\n')).toThrow(ConfigError);
    try {
      parseDotEnv('DAILY_CAP=10\nthis is not a setting\nTZ=UTC\n');
    } catch (error) {
      expect((error as ConfigError).problems).toEqual(['.env: "this is not a setting" is not a KEY=VALUE line; make it one, or a # comment.']);
    }
  });

  it('reads shares as plain decimals only: 0x1 and 1e0 are refused', () => {
    expect(problemsOf({ TZ: 'UTC', DRY_RUN_FAIL_RATE: '0x1' })).toEqual(['DRY_RUN_FAIL_RATE="0x1" is invalid: expected a number from 0 to 1.']);
    expect(problemsOf({ TZ: 'UTC', BREAKER_MIN_DELIVERED_RATIO: '1e0' })[0]).toMatch(/^BREAKER_MIN_DELIVERED_RATIO="1e0" is invalid/);
    expect(loadConfig({ TZ: 'UTC', DRY_RUN_FAIL_RATE: '0.25' }).dryRun.failRate).toBe(0.25);
    expect(loadConfig({ TZ: 'UTC', DRY_RUN_FAIL_RATE: '.5' }).dryRun.failRate).toBe(0.5);
  });

  it('refuses a pause of 2^31 ms or more, which a timer would cut to 1 ms', () => {
    const problems = problemsOf({ TZ: 'UTC', SEND_DELAY_MIN_MS: '2147483648', SEND_DELAY_MAX_MS: '2147483648', LONG_PAUSE_MAX_MS: '99999999999', RETRY_MAX_MS: '2147483648' });
    expect(problems.map((p) => p.split('=')[0])).toEqual(['SEND_DELAY_MIN_MS', 'SEND_DELAY_MAX_MS', 'LONG_PAUSE_MAX_MS', 'RETRY_MAX_MS']);
    expect(problems[0]).toBe('SEND_DELAY_MIN_MS="2147483648" is invalid: expected a whole number from 0 to 2147483647.');
    expect(loadConfig({ TZ: 'UTC', SEND_DELAY_MAX_MS: '2147483647' }).pacing.delayMaxMs).toBe(2_147_483_647);
  });

  it('takes a setting left empty, TZ= included, as its default', () => {
    const before = process.env.TZ;
    // Set but empty, as an env file with TZ= leaves it: ICU then answers "Etc/Unknown".
    process.env.TZ = '';
    try {
      const config = loadConfig({ TZ: '', DAILY_CAP: '', HEALTH_PORT: ' ' });
      expect(config.timeZone).toBe('UTC');
      expect(config.dailyCap).toBe(1000);
      expect(config.health.port).toBe(0);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('documents every setting in .env.example with its default, commented out so a copy changes nothing', () => {
    const text = readFileSync('.env.example', 'utf8');
    expect(parseDotEnv(text)).toEqual({});
    const example = parseDotEnv(text.replace(/^#([A-Z][A-Z0-9_]*=)/gm, '$1'));
    for (const [key, value] of Object.entries(SETTINGS)) {
      expect(example, `${key} missing from .env.example`).toHaveProperty(key);
      expect(example[key], `${key} default differs in .env.example`).toBe(value);
    }
  });
});
