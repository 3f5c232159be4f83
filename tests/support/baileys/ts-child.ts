import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const REGISTER = fileURLToPath(new URL('./ts-register.mjs', import.meta.url));
const children = new Set<ChildProcess>();

export interface TsChild {
  child: ChildProcess;
  output(): string;
  /** Resolves with the output once a line matching `pattern` has been printed. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a TypeScript script from tests/support in a child node process, straight from source. */
export function runTsChild(script: string, args: string[] = []): TsChild {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, ['--import', REGISTER, path, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return {
    child,
    exited,
    output: () => out,
    async waitForLine(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out)) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the child exited before printing ${pattern}\n${out}\n${err}`);
        if (Date.now() > deadline) throw new Error(`the child did not print ${pattern} within ${timeoutMs} ms\n${out}\n${err}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return out;
    },
  };
}

// No child outlives its test.
afterEach(async () => {
  const left = [...children];
  for (const child of left) child.kill('SIGKILL');
  await Promise.all(left.map((child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.on('exit', resolve)))));
});
