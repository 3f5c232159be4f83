import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppChild } from '../support/baileys/app-child.js';
import { tempDir } from '../support/temp-dir.js';

/** A local port nothing listens on: every connection to it is refused at once, with no DNS and no network involved. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** User plus system CPU time of a process so far, in seconds (Linux /proc). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15; USER_HZ is 100 on every Linux Node supports.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The reconnect delays the app has logged so far, in order. */
function loggedDelays(app: AppChild): number[] {
  return app
    .stderr()
    .split('\n')
    .filter((line) => line.includes('WhatsApp link down; reconnecting'))
    .map((line) => (JSON.parse(line) as { delayMs: number }).delayMs);
}

describe('the built app with the baileys transport and WhatsApp out of reach', () => {
  it.skipIf(!existsSync('/proc/self/stat'))(
    'keeps retrying with growing delays, says reconnecting in /status, does not spin a core, and stops cleanly',
    async () => {
      const cwd = tempDir();
      const port = await closedPort();
      const app = new AppChild(cwd, {
        WA_TRANSPORT: 'baileys',
        WA_SOCKET_URL: `ws://127.0.0.1:${port}/ws/chat`,
        // A fixed version: the app does not ask WhatsApp Web for one, so nothing depends on DNS.
        WA_VERSION: '2.3000.1',
        CONSOLE: 'on',
        TZ: 'UTC',
        LOG_LEVEL: 'warn',
      });
      await app.until(() => app.stdout().includes('console ready'), 'the console', 20_000);
      expect(app.stdout()).not.toContain('[DRY RUN]');
      await app.until(() => loggedDelays(app).length >= 1, 'the first reconnect', 10_000);

      const pid = app.pid;
      const cpuBefore = cpuSeconds(pid);
      const wallBefore = Date.now();
      await app.until(() => loggedDelays(app).length >= 4, 'four reconnect attempts', 20_000);
      // Ask until the answer catches the link between attempts (an attempt itself lasts a few ms).
      let status = '';
      for (let ask = 0; ask < 5 && !/WhatsApp main: reconnecting/.test(status); ask++) {
        status = await app.ask('/status', /WhatsApp main: [^\n]*/);
      }
      expect(status).toMatch(/WhatsApp main: reconnecting/);
      await app.until(() => Date.now() - wallBefore >= 10_000, 'ten seconds of retrying', 15_000);
      const cpu = cpuSeconds(pid) - cpuBefore;
      const wall = (Date.now() - wallBefore) / 1000;
      process.stdout.write(`baileys offline: ${cpu.toFixed(2)} s CPU over ${wall.toFixed(1)} s of retrying (${((100 * cpu) / wall).toFixed(1)}% of a core)\n`);
      expect(cpu / wall).toBeLessThan(0.15);

      const delays = loggedDelays(app);
      expect(delays.length).toBeGreaterThanOrEqual(4);
      for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThan(delays[i - 1]!);
      expect(delays.every((d) => d <= 60_000)).toBe(true);
      expect(app.alive()).toBe(true);

      const sessionFolder = join(cwd, 'sessions', 'main');
      expect(statSync(sessionFolder).mode & 0o777).toBe(0o700);
      expect(existsSync(join(cwd, 'sessions', 'main.lock'))).toBe(true);
      expect(await app.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(existsSync(join(cwd, 'sessions', 'main.lock'))).toBe(false);
      expect(app.stderr()).not.toMatch(/failed to start|Unhandled|uncaught/i);
    },
    60_000,
  );
});
