import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { waitUntil } from './wait-until.js';

/** The built entry point; `npm test` builds it before the tests run. */
export const BUILT_MAIN = fileURLToPath(new URL('../../../dist/src/main.js', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AppProcessOptions {
  cwd: string;
  /** The app's settings. Nothing else is inherited, so a developer's shell cannot change a test. */
  env: Record<string, string>;
}

const running = new Set<AppProcess>();

/** The built app as a child process: console lines in on stdin, replies on stdout, pino logs on stderr. */
export class AppProcess {
  private out = '';
  private err = '';
  private exitInfo: Exit | undefined;
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;

  private constructor(options: AppProcessOptions) {
    if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: build first (npm run build).`);
    this.child = spawn(process.execPath, [BUILT_MAIN], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.out += chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.err += chunk));
    // A process killed mid-test closes the pipe under a pending write; that is expected.
    this.child.stdin!.on('error', () => undefined);
    // 'close', not 'exit': only then has everything the app wrote been read.
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.exitInfo = { code, signal };
        running.delete(this);
        resolve(this.exitInfo);
      });
    });
    running.add(this);
  }

  static start(options: AppProcessOptions): AppProcess {
    return new AppProcess(options);
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

  hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  /** Types a line on the console. */
  type(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  /**
   * Waits until stdout, from `from` on, matches; returns the output from `from`
   * to the end of the match. Fails early if the process dies.
   */
  async waitForOutput(pattern: RegExp, timeoutMs: number, from = 0): Promise<string> {
    return this.waitFor(
      () => {
        const text = this.out.slice(from);
        const match = pattern.exec(text);
        return match ? text.slice(0, match.index + match[0].length) : undefined;
      },
      `stdout to match ${pattern}`,
      timeoutMs,
    );
  }

  /** Types a line and waits for a reply that matches `pattern`; returns everything printed since the line up to the match. */
  async ask(line: string, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const from = this.out.length;
    this.type(line);
    return this.waitForOutput(pattern, timeoutMs, from);
  }

  /** Polls `check` until it returns a value other than undefined/false, while the process is alive. */
  async waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs: number, intervalMs = 20): Promise<T> {
    return waitUntil(
      () => {
        const value = check();
        if (value !== undefined && value !== false) return value;
        if (this.exitInfo) throw new Error(`the app exited (${JSON.stringify(this.exitInfo)}) while waiting for ${what}\n${this.diagnostics()}`);
        return undefined;
      },
      { what, timeoutMs, intervalMs, diagnostics: () => this.diagnostics() },
    );
  }

  kill(signal: NodeJS.Signals): void {
    if (!this.exitInfo) this.child.kill(signal);
  }

  /** Sends `signal` and waits for the exit; SIGKILLs and fails if it takes longer than `timeoutMs`. */
  async stop(signal: NodeJS.Signals, timeoutMs = 15_000): Promise<Exit> {
    this.kill(signal);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
    const result = await Promise.race([this.exited, timeout]);
    if (result === 'timeout') {
      this.kill('SIGKILL');
      await this.exited;
      throw new Error(`the app did not exit within ${timeoutMs} ms of ${signal}\n${this.diagnostics()}`);
    }
    return result;
  }

  diagnostics(): string {
    const tail = (text: string) => text.split('\n').slice(-15).join('\n');
    return `--- stdout (tail) ---\n${tail(this.out)}\n--- stderr (tail) ---\n${tail(this.err)}`;
  }
}

// A failed test must not leave an app running on the machine.
afterEach(async () => {
  const left = [...running];
  for (const app of left) app.kill('SIGKILL');
  await Promise.all(left.map((app) => app.exited));
});
