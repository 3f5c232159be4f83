import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { BENCH_TEMPLATE, createBenchApp } from './queue/bench-app.js';
import { seedContacts } from './queue/seed-contacts.js';
import { FigureReport, formatCount, formatMs, reportBenchFailure } from './support/figures.js';
import { percentile, timeMs } from './support/timing.js';

/**
 * Start-up as an operator sees it: the built app (dist/src/main.js) spawned
 * with the console front-end and the dry-run transport, `/status` typed at
 * once, timed until its answer is printed. On an empty database and on one
 * holding a 1M-message run (which the app resumes). Target: under 150 ms.
 */
const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));
const RUN_SIZE = 1_000_000;
const STARTS = 9;
const TARGET_MS = 150;

interface Start {
  readyMs: number;
  answerMs: number;
}

function startOnce(cwd: string): Promise<Start> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [MAIN], {
      cwd,
      // The README's defaults but for the dry run and the console; no terminal, as under a service manager.
      env: { PATH: process.env.PATH ?? '', WA_TRANSPORT: 'dry-run', CONSOLE: 'on', TZ: 'UTC', DATA_DIR: 'data' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let readyMs: number | undefined;
    let answerMs: number | undefined;
    child.stdin.write('/status\n');
    child.stdin.on('error', () => undefined);
    child.stderr.resume();
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      readyMs ??= out.includes('console ready') ? performance.now() - started : undefined;
      if (answerMs === undefined && out.includes('sent today')) {
        answerMs = performance.now() - started;
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (answerMs === undefined) reject(new Error(`the app exited (${code}) before answering; it printed:\n${out}`));
      else resolve({ readyMs: readyMs ?? answerMs, answerMs });
    });
  });
}

function nodeAlone(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - started));
  });
}

async function measure(report: FigureReport, label: string, cwd: string): Promise<void> {
  // The first start after the database was written warms the page cache; the operator's restarts find it warm too.
  await startOnce(cwd);
  const starts: Start[] = [];
  const nodes: number[] = [];
  // Node's own start, interleaved, is the anchor: on a busy machine both move together.
  for (let i = 0; i < STARTS; i++) {
    starts.push(await startOnce(cwd));
    nodes.push(await nodeAlone());
  }
  const ready = starts.map((s) => s.readyMs).sort((a, b) => a - b);
  const answers = starts.map((s) => s.answerMs).sort((a, b) => a - b);
  const median = percentile(answers, 50);
  const nodeMedian = percentile(nodes.sort((a, b) => a - b), 50);
  report.add({ label: `${label}: anchor, \`node -e 0\`, median`, value: formatMs(nodeMedian, 0) });
  report.add({ label: `${label}: console ready, median`, value: formatMs(percentile(ready, 50), 0) });
  report.add({ label: `${label}: first answer, median of ${STARTS}`, value: formatMs(median, 0), target: `< ${TARGET_MS} ms`, pass: median < TARGET_MS });
  report.add({ label: `${label}: first answer, worst of ${STARTS}`, value: formatMs(answers.at(-1)!, 0) });
  report.add({ label: `${label}: first answer above node -e 0`, value: formatMs(median - nodeMedian, 0) });
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'zapcast-startup-bench-'));
  const report = new FigureReport();
  try {
    report.section('start-up to the first console answer (dist/src/main.js, console, dry run, /status typed at once)');
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await measure(report, 'empty database', empty);

    const full = join(root, 'full');
    mkdirSync(full);
    const app = createBenchApp(join(full, 'data'));
    const { repos, campaigns, clock } = app.services;
    const seedMs = await timeMs(async () => {
      const listId = seedContacts(repos, RUN_SIZE, 900_000_000, clock.now());
      await campaigns.start(campaigns.createDraft({ listId, template: BENCH_TEMPLATE }).id);
    });
    await app.stop();
    report.add({ label: `seeded a ${formatCount(RUN_SIZE)}-message run (context)`, value: formatMs(seedMs, 0) });
    await measure(report, `${formatCount(RUN_SIZE)}-message run`, full);
    report.summary();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch(reportBenchFailure('startup-bench'));
