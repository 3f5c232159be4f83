import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { ConfigError } from './core/errors.js';
import { SETTINGS, type SettingName } from './config-settings.js';

type Env = Record<string, string | undefined>;

/**
 * Reads settings from the environment, falling back to their defaults, and
 * collects one line per bad key (name, value, what is expected) instead of
 * stopping at the first.
 */
export class SettingsReader {
  readonly problems: string[] = [];
  private readonly bad = new Set<SettingName>();
  constructor(private readonly env: Env) {}

  raw(key: SettingName): string {
    const value = this.env[key];
    return value === undefined || value.trim() === '' ? SETTINGS[key] : value.trim();
  }

  private problem(key: SettingName, value: string, expected: string): void {
    this.bad.add(key);
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
    // Plain decimals only: Number() also reads 0x1, 1e0 and 0b1, which nobody means as a share.
    if (/^(\d+(\.\d*)?|\.\d+)$/.test(value) && parsed >= 0 && parsed <= 1) return parsed;
    this.problem(key, value, 'a number from 0 to 1');
    return 0;
  }

  check(condition: boolean, key: SettingName, expected: string): void {
    if (!condition) this.problem(key, this.raw(key), expected);
  }

  /** A check of `key` against `other`; skipped when either is already reported, which would only repeat that problem. */
  checkAgainst(other: SettingName, condition: boolean, key: SettingName, expected: string): void {
    if (!this.bad.has(other) && !this.bad.has(key)) this.check(condition, key, expected);
  }
}

const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads a `.env` text with Node's own parser (quotes, `export`, comments,
 * multi-line quoted values). That parser joins a line without `=` to the next
 * one as a single odd key; such a line is refused, naming it, rather than
 * silently taking the setting after it with it.
 */
export function parseDotEnv(text: string): Env {
  const parsed = parseEnv(text);
  const bad = Object.keys(parsed).filter((key) => !SETTING_NAME.test(key));
  if (bad.length > 0) {
    throw new ConfigError(bad.map((key) => `.env: ${JSON.stringify(key.split(/\r?\n/)[0]!.trim())} is not a KEY=VALUE line; make it one, or a # comment.`));
  }
  return parsed;
}

/** The process environment wins over `.env`, as operators expect from docker and systemd. */
export function environmentWithDotEnv(env: Env, dotEnvPath = '.env'): Env {
  if (!existsSync(dotEnvPath)) return env;
  return { ...parseDotEnv(readFileSync(dotEnvPath, 'utf8')), ...env };
}
