import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppProcess } from '../support/process/app-process.js';
import { appEnv } from '../support/process/app-env.js';
import { tempDir } from '../support/temp-dir.js';

/** The stderr lines that report a setting: `config: KEY="value" ...`. */
function settingLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^config: [A-Z][A-Z0-9_]*=/.test(line));
}

async function startWith(cwd: string, env: Record<string, string>) {
  const app = AppProcess.start({ cwd, env });
  const exit = await app.exited;
  return { exit, stdout: app.stdout(), stderr: app.stderr() };
}

function expectNothingStarted(cwd: string, stdout: string, stderr: string): void {
  expect(stdout).toBe('');
  expect(existsSync(join(cwd, 'data'))).toBe(false);
  expect(existsSync(join(cwd, 'sent.jsonl'))).toBe(false);
  // Logs start only once the config is good; a stack trace would mean a crash, not a refusal.
  expect(stderr).not.toContain('"level"');
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('starting with bad settings', () => {
  it('exits 2 with one line per bad key naming it, its value and what is expected, and starts nothing', async () => {
    const cwd = tempDir();
    const { exit, stdout, stderr } = await startWith(
      cwd,
      appEnv({ DRY_RUN_LOG: 'sent.jsonl', SEND_DELAY_MIN_MS: 'abc', QUIET_HOURS: '25:00-08:00' }),
    );

    expect(exit).toEqual({ code: 2, signal: null });
    const lines = settingLines(stderr);
    expect(lines).toHaveLength(2);
    const minDelay = lines.filter((line) => line.includes('SEND_DELAY_MIN_MS'));
    expect(minDelay).toHaveLength(1);
    expect(minDelay[0]).toContain('"abc"');
    expect(minDelay[0]).toMatch(/expected a whole number/);
    const quiet = lines.filter((line) => line.includes('QUIET_HOURS'));
    expect(quiet).toHaveLength(1);
    expect(quiet[0]).toContain('"25:00-08:00"');
    expect(quiet[0]).toMatch(/expected HH:MM-HH:MM/);
    expectNothingStarted(cwd, stdout, stderr);
  }, 30_000);

  it('does not blame a good key for a bad one it is compared with', async () => {
    const cwd = tempDir();
    // SEND_DELAY_MAX_MS=0 is fine on its own; only the minimum is wrong.
    const { exit, stderr } = await startWith(cwd, appEnv({ SEND_DELAY_MIN_MS: 'abc', SEND_DELAY_MAX_MS: '0', RETRY_BASE_MS: '-5', RETRY_MAX_MS: '1000' }));

    expect(exit.code).toBe(2);
    const lines = settingLines(stderr);
    expect(lines.map((line) => /^config: ([A-Z0-9_]+)=/.exec(line)![1]).sort()).toEqual(['RETRY_BASE_MS', 'SEND_DELAY_MIN_MS']);
  }, 30_000);

  it('checks settings read from .env the same way', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.env'), 'QUIET_HOURS=21:00-8\nDRY_RUN_FAIL_RATE=1.5\n');
    const { exit, stdout, stderr } = await startWith(cwd, appEnv());

    expect(exit.code).toBe(2);
    const lines = settingLines(stderr);
    expect(lines).toHaveLength(2);
    expect(lines.find((line) => line.includes('QUIET_HOURS'))).toContain('"21:00-8"');
    expect(lines.find((line) => line.includes('DRY_RUN_FAIL_RATE'))).toMatch(/"1\.5".*expected a number from 0 to 1/);
    expectNothingStarted(cwd, stdout, stderr);
  }, 30_000);

  it('refuses DATA_DIR=/dev/null and a health address that does not resolve with one line each and exit 2, no stack', async () => {
    const cwd = tempDir();
    const { exit, stdout, stderr } = await startWith(cwd, appEnv({ DATA_DIR: '/dev/null', HEALTH_PORT: '18080', HEALTH_HOST: 'no-such-host.invalid', DRY_RUN_LOG: 'sent.jsonl' }));

    expect(exit).toEqual({ code: 2, signal: null });
    const lines = settingLines(stderr);
    expect(lines.map((line) => /^config: ([A-Z0-9_]+)=/.exec(line)![1])).toEqual(['DATA_DIR', 'HEALTH_HOST']);
    expect(lines[0]).toMatch(/expected a folder zapcast can create and write in/);
    expect(lines[1]).toMatch(/expected an address of this machine to listen on/);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout).toBe('');
    expect(existsSync(join(cwd, 'sent.jsonl'))).toBe(false);
  }, 30_000);

  it('refuses a .env line that is not KEY=VALUE, naming it, with exit 2', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.env'), 'DAILY_CAP=10\nthis is not a setting\nTZ=UTC\n');
    const { exit, stdout, stderr } = await startWith(cwd, appEnv());

    expect(exit.code).toBe(2);
    expect(stderr).toContain('config: .env: "this is not a setting" is not a KEY=VALUE line');
    expectNothingStarted(cwd, stdout, stderr);
  }, 30_000);
});

