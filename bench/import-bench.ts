import { fork } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { importContacts } from '../src/contacts/contact-import.js';
import { normalisePhone } from '../src/contacts/phone.js';
import { openDatabase } from '../src/db/connection.js';
import { createRepositories } from '../src/db/repositories.js';
import { FigureReport, formatCount, formatMb } from './support/figures.js';
import { RssSampler } from './support/rss-sampler.js';
import { seededRandom } from '../src/core/random.js';

/**
 * /import end to end on a generated 1,000,000-row CSV (mixed national and
 * international formats of four countries, ~5% duplicates, ~3% junk) into a
 * real SQLite file, next to two ceilings measured on the same rows in the same
 * run: csv-parse alone, and phone normalisation (libphonenumber-js, "max"
 * metadata) alone on one thread. Each measurement runs in its own process so
 * its peak RSS is its own.
 * Targets: end to end >= 65% of the phone-normalisation ceiling; peak RSS
 * under 200 MB per million rows.
 */
const ROWS = 1_000_000;
const COUNTRY = 'BR';
const SPEED_SHARE_TARGET = 0.65;
const RSS_TARGET_MB_PER_MILLION = 200;

interface Measurement {
  rows: number;
  ms: number;
  /** CPU time of the whole process, every thread. */
  cpuMs: number;
  maxRssBytes: number;
  detail?: Record<string, unknown>;
}

// ---- the generated file ---------------------------------------------------


const FIRST = ['Ana', 'Bruno', 'Carla', 'Diego', 'Elisa', 'Fábio', 'Gabriela', 'Heitor', 'Inês', 'João', 'Lúcia', 'Marcos', 'Núbia', 'Otávio', 'Paula', 'Rafael'];
const LAST = ['Souza', 'Lima', 'Dias', 'Ramos', 'Moura', 'Nunes', 'Araújo', 'Gonçalves', 'Ribeiro', 'Peçanha', 'Côrtes', 'Silva'];
const CITIES = ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba', 'Porto Alegre', 'Recife', 'Lisboa', 'Madrid', 'New York'];
const AREAS = ['11', '21', '31', '41', '51', '61', '71', '81', '85', '19'];
const US_AREAS = ['201', '212', '415', '312', '617'];
const JUNK = ['', 'n/a', '123', 'sem número', '+55 11 9876', '0000000000', '(11) 8765-4321', 'ana@example.com', '-'];

/** Unique 7- and 8-digit numbers for each i (7919 is coprime with 9e6 and 9e7), never starting with 0. */
const seven = (i: number) => String(1_000_000 + ((i * 7919) % 9_000_000));
const eight = (i: number) => String(10_000_000 + ((i * 7919) % 90_000_000));
/** US exchanges that are real ones: no N11, no 555. */
const US_EXCHANGES = Array.from({ length: 700 }, (_, k) => String(200 + k)).filter((e) => !e.endsWith('11') && e !== '555');

/** The same number written the many ways people write it; each i gives its own number. */
function phoneFor(i: number, style: number): string {
  const kind = i % 100;
  if (kind < 85) {
    const s = eight(i);
    const area = AREAS[i % AREAS.length]!;
    const formats = [`(${area}) 9${s.slice(0, 4)}-${s.slice(4)}`, `${area} 9${s}`, `+55 ${area} 9${s.slice(0, 4)}-${s.slice(4)}`, `55${area}9${s}`, `0${area} 9${s.slice(0, 4)} ${s.slice(4)}`, `+55 (${area}) 9${s}`];
    return formats[style % formats.length]!;
  }
  if (kind < 90) {
    const s = seven(i);
    return `(${AREAS[i % AREAS.length]}) 3${s.slice(0, 3)}-${s.slice(3)}`;
  }
  if (kind < 94) {
    const s = seven(i);
    return style % 2 === 0 ? `+351 91${s.slice(0, 1)} ${s.slice(1, 4)} ${s.slice(4)}` : `00351 91${s}`;
  }
  if (kind < 97) {
    const area = US_AREAS[i % US_AREAS.length]!;
    const exchange = US_EXCHANGES[Math.floor(i / US_AREAS.length) % US_EXCHANGES.length]!;
    const line = String(Math.floor(i / (US_AREAS.length * US_EXCHANGES.length)) % 10_000).padStart(4, '0');
    return style % 2 === 0 ? `+1 (${area}) ${exchange}-${line}` : `1 ${area} ${exchange} ${line}`;
  }
  const s = eight(i);
  return style % 2 === 0 ? `+34 6${s.slice(0, 2)} ${s.slice(2, 4)} ${s.slice(4, 6)} ${s.slice(6)}` : `0034 6${s}`;
}

/** Writes the CSV in blocks; returns its size. */
function generate(path: string): number {
  const random = seededRandom(20_240_601);
  const fresh = new Int32Array(ROWS);
  let freshCount = 0;
  const fd = openSync(path, 'w');
  let block = 'name,phone,email,city\n';
  for (let row = 0; row < ROWS; row++) {
    const r = random();
    const style = Math.floor(random() * 6);
    let phone: string;
    if (r < 0.03) phone = JUNK[Math.floor(random() * JUNK.length)]!;
    else if (r < 0.08 && freshCount > 0) phone = phoneFor(fresh[Math.floor(random() * freshCount)]!, style + 1);
    else {
      fresh[freshCount++] = row;
      phone = phoneFor(row, style);
    }
    const first = FIRST[row % FIRST.length]!;
    const last = LAST[(row >> 4) % LAST.length]!;
    block += `${first} ${last},${phone},${first.toLowerCase()}.${row}@example.com,${CITIES[row % CITIES.length]}\n`;
    if (block.length > 1 << 20) {
      writeSync(fd, block);
      block = '';
    }
  }
  writeSync(fd, block);
  closeSync(fd);
  return statSync(path).size;
}

// ---- measurements, each in a child process --------------------------------

async function phoneColumn(path: string): Promise<string[]> {
  const phones: string[] = [];
  let first = true;
  for await (const record of createReadStream(path).pipe(parse({ relax_column_count: true })) as AsyncIterable<string[]>) {
    if (first) first = false;
    else phones.push(record[1] ?? '');
  }
  return phones;
}

const rss = new RssSampler(50);

/**
 * Sampled, not read from getrusage: a forked child inherits the parent's peak
 * (the generator's) as its own, which would hide the import's.
 */
const peakRss = () => rss.stop().peakBytes;

async function measure(mode: string, path: string, dir: string): Promise<Omit<Measurement, 'cpuMs'>> {
  if (mode === 'csv-parse') {
    const start = performance.now();
    let rows = 0;
    const parser = createReadStream(path, { highWaterMark: 1 << 16 }).pipe(
      parse({ delimiter: ',', bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }),
    );
    for await (const _ of parser as AsyncIterable<string[]>) rows++;
    return { rows: rows - 1, ms: performance.now() - start, maxRssBytes: peakRss() };
  }
  if (mode === 'phones') {
    const phones = await phoneColumn(path);
    const start = performance.now();
    let valid = 0;
    for (const phone of phones) if (normalisePhone(phone, COUNTRY).ok) valid++;
    return { rows: phones.length, ms: performance.now() - start, maxRssBytes: peakRss(), detail: { valid } };
  }
  const workers = mode === 'import:workers';
  const db = openDatabase(join(dir, `${mode.replace(':', '-')}.db`));
  const repos = createRepositories(db);
  const exportsDir = join(dir, 'exports');
  mkdirSync(exportsDir, { recursive: true });
  const start = performance.now();
  const report = await importContacts(repos, {
    path,
    country: COUNTRY,
    exportsDir,
    now: Date.now(),
    maxBytes: Number.MAX_SAFE_INTEGER,
    maxRows: ROWS,
    workers,
  });
  const ms = performance.now() - start;
  db.close();
  const { valid, duplicates, invalid, fixedLine } = report;
  return { rows: report.rowsRead, ms, maxRssBytes: peakRss(), detail: { valid, duplicates, invalid, fixedLine } };
}

function inChild(mode: string, path: string, dir: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--measure', mode, path, dir], { stdio: 'inherit' });
    let result: Measurement | undefined;
    child.on('message', (message) => (result = message as Measurement));
    child.on('error', reject);
    child.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`${mode} measurement failed (exit ${code})`))));
  });
}

// ---- the report ------------------------------------------------------------

const perSecond = (m: Measurement) => (m.rows / m.ms) * 1000;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zapcast-import-bench-'));
  try {
    const figures = new FigureReport();
    const path = join(dir, 'contacts.csv');
    const genStart = performance.now();
    const bytes = generate(path);
    figures.section(`generated ${formatCount(ROWS)} rows, ${formatMb(bytes)}, in ${((performance.now() - genStart) / 1000).toFixed(1)} s (${availableParallelism()} cores)`);

    const csv = await inChild('csv-parse', path, dir);
    const phones = await inChild('phones', path, dir);
    figures.section('ceilings, same rows');
    figures.add({ label: 'csv-parse alone', value: `${formatCount(perSecond(csv))} rows/s` });
    figures.add({ label: 'phone normalisation alone (libphonenumber-js, 1 thread)', value: `${formatCount(perSecond(phones))} rows/s` });

    const workers = availableParallelism() > 1;
    // Other work on the machine takes cores from the threaded import; the load average says how much there was.
    figures.section(`end to end: /import into SQLite (WAL), ${workers ? 'read, phones and writes on worker threads' : 'one thread'}; load average ${loadavg()[0]!.toFixed(2)}`);
    const end = await inChild(workers ? 'import:workers' : 'import:single', path, dir);
    const share = perSecond(end) / perSecond(phones);
    figures.add({ label: 'import rows/s', value: `${formatCount(perSecond(end))} rows/s` });
    figures.add({ label: 'share of the phone-normalisation ceiling', value: `${(share * 100).toFixed(0)}%`, target: `>= ${SPEED_SHARE_TARGET * 100}%`, pass: share >= SPEED_SHARE_TARGET });
    const rssPerMillion = (end.maxRssBytes / end.rows) * 1_000_000;
    figures.add({ label: 'peak RSS per 1M rows', value: formatMb(rssPerMillion), target: `< ${RSS_TARGET_MB_PER_MILLION} MB`, pass: rssPerMillion < RSS_TARGET_MB_PER_MILLION * 1024 * 1024 });
    figures.add({ label: 'CPU time per 1M rows, all threads', value: `${((end.cpuMs / end.rows) * 1000).toFixed(1)} s` });
    figures.add({ label: 'cores kept busy (CPU time / wall time)', value: (end.cpuMs / end.ms).toFixed(2) });
    const detail = end.detail as { valid: number; duplicates: number; invalid: Record<string, number>; fixedLine: number };
    const invalid = Object.values(detail.invalid).reduce((a, b) => a + b, 0);
    figures.add({ label: 'valid (fixed-line) / duplicates / invalid', value: `${formatCount(detail.valid)} (${formatCount(detail.fixedLine)}) / ${formatCount(detail.duplicates)} / ${formatCount(invalid)}` });

    if (workers) {
      figures.section('for comparison: the same import on one thread');
      const single = await inChild('import:single', path, dir);
      figures.add({ label: 'import rows/s, one thread', value: `${formatCount(perSecond(single))} rows/s` });
      figures.add({ label: 'CPU time per 1M rows, one thread', value: `${((single.cpuMs / single.rows) * 1000).toFixed(1)} s` });
      figures.add({ label: 'peak RSS, one thread', value: formatMb(single.maxRssBytes) });
    }
    figures.summary();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--measure') {
  const [, , , mode, path, dir] = process.argv;
  rss.start();
  const cpuBefore = process.cpuUsage();
  const result = await measure(mode!, path!, dir!);
  const cpu = process.cpuUsage(cpuBefore);
  process.send!({ ...result, cpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
} else {
  await main();
}
