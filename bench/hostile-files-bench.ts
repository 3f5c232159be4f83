import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { importContacts } from '../src/contacts/contact-import.js';
import { openDatabase } from '../src/db/connection.js';
import { createRepositories } from '../src/db/repositories.js';
import { FigureReport, formatMb } from './support/figures.js';
import { RssSampler } from './support/rss-sampler.js';
import { vcardSoftBreakBomb, workbookParts, writeSharedStringBomb, writeXlsx } from './support/xlsx-writer.js';

/**
 * The hostile files of issue 13 sent to /import, each in a process of its own
 * (as the app would take them, with the compiled import threads): a 2 MB
 * workbook whose shared strings unpack to 1.9 GB, two of them at once, a
 * workbook of 1 GB of blank rows, and a 1.8 MB vCard of quoted-printable soft
 * line breaks. For each: the answer, the time to it, the process's peak RSS
 * (every thread) and the longest the app's own thread went without turning
 * (what a /status sent meanwhile waits at most).
 * Targets: under 300 MB RSS whatever the file; the app's thread never held a second.
 */
const RSS_TARGET_MB = 300;
const STALL_TARGET_MS = 1_000;

interface Attack {
  name: string;
  files: string[];
}

interface Outcome {
  answers: string[];
  ms: number;
  maxRssBytes: number;
  longestStallMs: number;
}

async function measure(files: string[], dir: string): Promise<Outcome> {
  const db = openDatabase(join(dir, `attack-${process.pid}.db`));
  const repos = createRepositories(db);
  const exportsDir = join(dir, 'exports');
  mkdirSync(exportsDir, { recursive: true });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // Sampled, not read from getrusage: a forked child inherits its parent's peak (the generator's) as its own.
  const rss = new RssSampler(20);
  rss.start();
  const start = performance.now();
  const results = await Promise.allSettled(
    files.map((path) => importContacts(repos, { path, exportsDir, country: 'BR', now: Date.now(), maxBytes: 50 * 1024 * 1024, maxRows: 1_000_000 })),
  );
  const ms = performance.now() - start;
  loop.disable();
  const { peakBytes } = rss.stop();
  db.close();
  const answers = results.map((r) => (r.status === 'fulfilled' ? `imported ${r.value.valid} contacts` : (r.reason as Error).message));
  return { answers, ms, maxRssBytes: peakBytes, longestStallMs: loop.max / 1e6 };
}

function inChild(files: string[], dir: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--measure', dir, ...files], { stdio: 'inherit' });
    let result: Outcome | undefined;
    child.on('message', (message) => (result = message as Outcome));
    child.on('error', reject);
    child.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`measurement failed (exit ${code})`))));
  });
}

async function blankRowsWorkbook(path: string, gb: number): Promise<void> {
  const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>phone</t></is></c></row>';
  // Rows without r= (the format allows it) compress to almost nothing: 1 GB in about 1 MB.
  const piece = '<row/>'.repeat(174_763);
  await writeXlsx(
    path,
    workbookParts(function* () {
      yield header;
      for (let written = 0; written < gb * 1024 ** 3; written += piece.length) yield piece;
    }),
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zapcast-hostile-bench-'));
  try {
    const figures = new FigureReport();
    const bombA = join(dir, 'bomb-a.xlsx');
    const bombB = join(dir, 'bomb-b.xlsx');
    const blank = join(dir, 'blank-rows.xlsx');
    const vcard = join(dir, 'soft-breaks.vcf');
    await writeSharedStringBomb(bombA, 1_900);
    await writeSharedStringBomb(bombB, 1_900);
    await blankRowsWorkbook(blank, 1);
    writeFileSync(vcard, vcardSoftBreakBomb(1.8));
    const attacks: Attack[] = [
      { name: `workbook ${formatMb(statSync(bombA).size)} -> 1.9 GB of shared strings`, files: [bombA] },
      { name: 'two of those at once', files: [bombA, bombB] },
      { name: `workbook ${formatMb(statSync(blank).size)} -> 1 GB of blank rows`, files: [blank] },
      { name: `vCard ${formatMb(statSync(vcard).size)} of quoted-printable soft breaks`, files: [vcard] },
    ];
    figures.section(`hostile files through /import (${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)})`);
    for (const attack of attacks) {
      const outcome = await inChild(attack.files, dir);
      figures.section(attack.name);
      for (const answer of new Set(outcome.answers)) figures.add({ label: 'answer', value: answer.length > 70 ? `${answer.slice(0, 70)}...` : answer });
      figures.add({ label: 'time to the answer', value: `${(outcome.ms / 1000).toFixed(1)} s` });
      figures.add({ label: 'peak RSS, every thread (sampled every 20 ms)', value: formatMb(outcome.maxRssBytes), target: `< ${RSS_TARGET_MB} MB`, pass: outcome.maxRssBytes < RSS_TARGET_MB * 1024 * 1024 });
      figures.add({ label: "longest stall of the app's thread", value: `${outcome.longestStallMs.toFixed(0)} ms`, target: `< ${STALL_TARGET_MS} ms`, pass: outcome.longestStallMs < STALL_TARGET_MS });
    }
    figures.summary();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--measure') {
  const [, , , dir, ...files] = process.argv;
  const result = await measure(files, dir!);
  process.send!(result, () => process.exit(0));
} else {
  await main();
}
