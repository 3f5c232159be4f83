import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config.js';
import { ConfigError } from '../../../../src/core/errors.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('the Telegram settings', () => {
  it('default to the public Bot API and no operators', () => {
    const config = loadConfig({});
    expect(config.telegramApiRoot).toBe('https://api.telegram.org');
    expect(config.telegramOperators).toEqual([]);
  });

  it('read operators as comma-separated numeric ids', () => {
    expect(loadConfig({ TELEGRAM_OPERATORS: ' 123456789, 987654321 ,' }).telegramOperators).toEqual(['123456789', '987654321']);
  });

  it('refuse operators that are not numeric user ids, naming the key and what is expected', () => {
    const [problem, ...rest] = problems({ TELEGRAM_OPERATORS: '123,@olivia' });
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^TELEGRAM_OPERATORS="123,@olivia" is invalid: expected numeric Telegram user ids/);
  });

  it('refuse an API root that is not an http(s) URL, and drop a trailing slash', () => {
    expect(problems({ TELEGRAM_API_ROOT: 'api.telegram.org' })[0]).toMatch(/^TELEGRAM_API_ROOT="api.telegram.org" is invalid/);
    expect(loadConfig({ TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/' }).telegramApiRoot).toBe('http://127.0.0.1:8081');
  });
});
