import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

/** The built entry point (npm test builds it first). */
const MAIN = fileURLToPath(new URL('../../../dist/src/main.js', import.meta.url));
const running = new Set<ChildProcess>();

/** `node dist/src/main.js` with only the given settings: console lines in, replies and logs collected. */
export class AppChild {
  private out = '';
  private err = '';
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(cwd: string, env: Record<string, string>) {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npx tsc -p tsconfig.json).`);
    this.child = spawn(process.execPath, [MAIN], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    running.add(this.child);
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.out += chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.err += chunk));
    this.child.stdin!.on('error', () => undefined);
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => {
        running.delete(this.child);
        resolve({ code, signal });
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  stdout(): string {
    return this.out;
  }

  stderr(): string {
    return this.err;
  }

  alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Polls until `check` holds; fails with the tail of both streams if time runs out or the app dies. */
  async until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (!this.alive()) throw new Error(`the app exited while waiting for ${what}\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${this.tail()}`);
      await delay(25);
    }
  }

  /** Types a console line and returns what was printed after it up to a match of `pattern`. */
  async ask(line: string, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    const from = this.out.length;
    this.child.stdin!.write(`${line}\n`);
    await this.until(() => pattern.test(this.out.slice(from)), `a reply to ${line} matching ${pattern}`, timeoutMs);
    return this.out.slice(from);
  }

  /** Sends `signal` and waits for the exit (SIGKILL after `timeoutMs`). */
  async stop(signal: NodeJS.Signals, timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  tail(): string {
    const last = (text: string) => text.split('\n').slice(-15).join('\n');
    return `--- stdout ---\n${last(this.out)}\n--- stderr ---\n${last(this.err)}`;
  }
}

// No app outlives its test.
afterEach(async () => {
  const left = [...running];
  for (const child of left) child.kill('SIGKILL');
  await Promise.all(left.map((child) => new Promise((resolve) => child.once('exit', resolve))));
});
