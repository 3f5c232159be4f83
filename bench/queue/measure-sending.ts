import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SendPhaseResult } from './send-phase.js';
import type { BenchSettings } from './bench-app.js';

/**
 * Runs the send phase in a child process and waits for its figures. A child that
 * does not answer within the duration plus `graceMs` is killed: a send loop that
 * never lets the event loop turn would otherwise hang the bench.
 */
export function measureSending(dataDir: string, runId: number, durationMs: number, mode: BenchSettings, graceMs = 60_000): Promise<SendPhaseResult> {
  const script = fileURLToPath(new URL('./send-phase.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(script, [dataDir, String(runId), String(durationMs), mode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: SendPhaseResult | undefined;
    const killer = setTimeout(() => child.kill('SIGKILL'), durationMs + graceMs);
    child.on('message', (message) => (result = message as SendPhaseResult));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      if (result) resolve(result);
      else if (signal === 'SIGKILL') reject(new Error(`the send phase did not finish within ${(durationMs + graceMs) / 1000} s (event loop held?)`));
      else reject(new Error(`the send phase exited with ${signal ?? code} and no figures`));
    });
  });
}
