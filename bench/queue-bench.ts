import { rmSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/connection.js';
import { DEFAULT_SESSION } from '../src/app.js';
import { mathRandom } from '../src/core/random.js';
import type { ClaimCandidate } from '../src/db/repos/messages-repo.js';
import { RunRenderer } from '../src/dispatch/run-renderer.js';
import { MessageQueue } from '../src/queue/message-queue.js';
import { FigureReport, formatCount, formatMb, formatMs } from './support/figures.js';
import { meanCallMs, timeMs } from './support/timing.js';
import { BENCH_TEMPLATE, createBenchApp } from './queue/bench-app.js';
import { measureSending } from './queue/measure-sending.js';
import { backToBackBookkeeping, pacedBookkeeping } from './queue/bookkeeping-loops.js';
import { interleave } from './queue/interleave.js';
import { createRawTable, rawInsertRate, rawUpdateOne } from './queue/raw-limits.js';
import { seedContacts } from './queue/seed-contacts.js';
import { pagesPerCommit } from './queue/pages-per-commit.js';
import { redisComparisonNote } from './queue/redis-note.js';

/**
 * The durable queue at a million messages, against what better-sqlite3 does on
 * the same disk with the same pragmas (WAL, synchronous=FULL) in the same run.
 */
const RUN_SIZE = 1_000_000;
const SMALL_CAMPAIGN = 100_000;
const RAW_INSERT_ROWS = 1_000_000;
const ROUNDS = 8;
const SLICE_MS = 400;
const SEND_MS = 30_000;
const DEFAULTS_SEND_MS = 30_000;
const PAGE_SAMPLE = 500;

const report = new FigureReport();
const dir = mkdtempSync(join(tmpdir(), 'zapcast-bench-'));
try {
  const rawDb = openDatabase(join(dir, 'raw.db'));
  createRawTable(rawDb);
  // Half before the enqueue and half after, so both see the disk in the same mood.
  const rawInsertBefore = rawInsertRate(rawDb, 0, RAW_INSERT_ROWS / 2);

  report.section(`enqueue: CampaignService.start over a ${formatCount(RUN_SIZE)}-contact list, beside raw better-sqlite3 inserts`);
  const app = createBenchApp(join(dir, 'data'));
  const { repos, campaigns, status, clock, dispatcher } = app.services;
  let bigList = 0;
  const seedMs = await timeMs(() => (bigList = seedContacts(repos, RUN_SIZE, 900_000_000, clock.now())));
  report.add({ label: `seeded ${formatCount(RUN_SIZE)} contacts (context)`, value: formatMs(seedMs, 0) });
  const big = campaigns.createDraft({ listId: bigList, template: BENCH_TEMPLATE });
  let runId = 0;
  const enqueueMs = await timeMs(async () => (runId = (await campaigns.start(big.id)).id));
  const rawInsertAfter = rawInsertRate(rawDb, RAW_INSERT_ROWS / 2, RAW_INSERT_ROWS / 2);
  const rawInsert = { perSecond: RAW_INSERT_ROWS / (rawInsertBefore.seconds + rawInsertAfter.seconds) };
  report.add({ label: `raw: plain insert, 10,000-row transactions (${formatCount(RAW_INSERT_ROWS)} rows)`, value: `${formatCount(rawInsert.perSecond)} rows/s` });
  const enqueueRate = RUN_SIZE / (enqueueMs / 1000);
  const enqueueShare = enqueueRate / rawInsert.perSecond;
  report.add({
    label: `enqueue rate, ${formatCount(RUN_SIZE)}-message run (${formatMs(enqueueMs, 0)})`,
    value: `${formatCount(enqueueRate)} msg/s`,
    target: `>= 60% of raw insert (${(enqueueShare * 100).toFixed(0)}%)`,
    pass: enqueueShare >= 0.6,
  });
  const impliedSmallMs = (SMALL_CAMPAIGN / enqueueRate) * 1000;
  report.add({
    label: `implied start of a ${formatCount(SMALL_CAMPAIGN)}-contact campaign`,
    value: formatMs(impliedSmallMs, 0),
    target: '< 500 ms',
    pass: impliedSmallMs < 500,
  });
  const smallList = seedContacts(repos, SMALL_CAMPAIGN, 950_000_000, clock.now());
  const small = campaigns.createDraft({ listId: smallList, template: BENCH_TEMPLATE });
  const smallMs = await timeMs(() => campaigns.start(small.id));
  campaigns.stop(small.id);
  report.add({ label: `measured start of a ${formatCount(SMALL_CAMPAIGN)}-contact campaign`, value: formatMs(smallMs, 0), target: '< 500 ms', pass: smallMs < 500 });

  report.section(`claim -> sending -> sent, durable: turns of ${SLICE_MS} ms beside the raw update loop, ${ROUNDS} rounds`);
  const queue = new MessageQueue(repos, { ...app.services.config.retry, factor: 2 }, mathRandom);
  const renderer = new RunRenderer(repos);
  const deps = { queue, runIds: [runId], now: () => clock.now(), render: (c: ClaimCandidate) => renderer.render(c), dailyCap: dispatcher.session(DEFAULT_SESSION)!.dailyCap };
  const backToBack = backToBackBookkeeping(deps);
  const turns = interleave(ROUNDS, SLICE_MS, { raw: rawUpdateOne(rawDb, RAW_INSERT_ROWS), paced: pacedBookkeeping(deps), backToBack: backToBack.step });
  // What each commit (one fsync) carries, read off the write-ahead log.
  const rawPages = pagesPerCommit(rawDb, PAGE_SAMPLE, rawUpdateOne(rawDb, RAW_INSERT_ROWS));
  const backToBackPages = pagesPerCommit(repos.db, PAGE_SAMPLE, backToBack.step);
  backToBack.finish();
  rawDb.close();
  report.add({ label: 'raw: plain single-row update, one commit each', value: `${formatCount(turns.raw.perSecond)} commits/s, ${rawPages.toFixed(1)} pages/commit` });
  const pacedShare = turns.paced.perSecond / turns.raw.perSecond;
  report.add({
    label: `paced sends: pickNext, startSending, ackSent, 2 commits (${(pacedShare * 100).toFixed(0)}% of raw)`,
    value: `${formatCount(turns.paced.perSecond)} msg/s`,
  });
  const share = turns.backToBack.perSecond / turns.raw.perSecond;
  report.add({
    label: `back-to-back sends: ackSentAndClaimNext, 1 commit (1 fsync) per message (${(share * 100).toFixed(0)}% of raw)`,
    value: `${formatCount(turns.backToBack.perSecond)} msg/s`,
  });
  report.add({
    label: 'back-to-back: pages written per commit',
    value: backToBackPages.toFixed(2),
    target: '<= 4',
    pass: backToBackPages <= 4,
  });
  const extraUs = 1e6 / turns.backToBack.perSecond - 1e6 / turns.raw.perSecond;
  report.add({
    label: `back-to-back: time per message over the raw update (${(1e6 / turns.backToBack.perSecond).toFixed(0)} vs ${(1e6 / turns.raw.perSecond).toFixed(0)} µs, ratio ${(turns.raw.perSecond / turns.backToBack.perSecond).toFixed(2)}x)`,
    value: `${extraUs.toFixed(0)} µs`,
    target: '<= 60 µs',
    pass: extraUs <= 60,
  });

  report.section(`progress on the ${formatCount(RUN_SIZE)}-message run`);
  const countersMs = meanCallMs(20_000, () => repos.counters.forRun(runId));
  report.add({ label: 'progress query: RunCountersRepo.forRun, mean of 20,000', value: formatMs(countersMs, 4), target: '< 0.1 ms', pass: countersMs < 0.1 });
  const snapshotMs = meanCallMs(5_000, () => status.snapshot(big.id));
  // Context, not the target: a whole /status also reads the campaign and run rows and walks the ETA calendar.
  report.add({ label: 'StatusService.snapshot (all of /status), mean of 5,000', value: formatMs(snapshotMs, 4) });
  const counts = repos.counters.forRun(runId);
  report.add({ label: 'counters now (context)', value: `pending ${formatCount(counts.pending)}, sent ${formatCount(counts.sent)}` });
  await app.stop();
  report.add({ label: 'database file (context)', value: formatMb(statSync(join(dir, 'data', 'zapcast.db')).size) });

  report.section(`sending the ${formatCount(RUN_SIZE)}-message run for ${SEND_MS / 1000} s (SendLoop + Dispatcher, dry run with receipts, no pacing)`);
  const sending = await measureSending(join(dir, 'data'), runId, SEND_MS, 'fast');
  const sendRate = sending.sent / sending.seconds;
  report.add({
    label: `sent through the send loop (${formatCount(sending.sent)} in ${sending.seconds.toFixed(1)} s; ${formatCount(sending.receipts)} receipts written)`,
    value: `${formatCount(sendRate)} msg/s`,
    target: '>= 3,000 msg/s',
    pass: sendRate >= 3000,
  });
  const perMessageUs = 1e6 / sendRate;
  const rawCommitUs = 1e6 / sending.rawCommitsPerSecond;
  report.add({ label: 'raw: plain single-row update, one commit each, right after sending (context)', value: `${formatCount(sending.rawCommitsPerSecond)} commits/s` });
  report.add({
    label: `send loop per message beside one raw durable commit (${(perMessageUs / rawCommitUs).toFixed(2)}x; ${((sendRate / sending.rawCommitsPerSecond) * 100).toFixed(0)}% of the disk's commit rate)`,
    value: `${perMessageUs.toFixed(0)} vs ${rawCommitUs.toFixed(0)} µs`,
  });
  report.add({ label: 'event loop delay while sending, p99 (max)', value: `${formatMs(sending.p99LoopDelayMs)} (${formatMs(sending.maxLoopDelayMs)})`, target: '< 50 ms', pass: sending.p99LoopDelayMs < 50 });
  report.add({ label: 'RSS with the app loaded, before sending (context)', value: formatMb(sending.rssBeforeBytes) });
  report.add({ label: 'RSS growth while sending (context)', value: formatMb(sending.peakRssBytes - sending.rssBeforeBytes) });
  report.add({
    label: `peak RSS of the app while sending (${sending.rssSamples} samples)`,
    value: formatMb(sending.peakRssBytes),
    target: '< 150 MB',
    pass: sending.peakRssBytes < 150 * 1024 * 1024,
  });

  report.section(`the same run for ${DEFAULTS_SEND_MS / 1000} s with the README's default settings (pacing, long pauses, daily cap, warm-up day 1 of a number linked now)`);
  const defaults = await measureSending(join(dir, 'data'), runId, DEFAULTS_SEND_MS, 'defaults');
  report.add({ label: `sent at default pacing (${formatCount(defaults.sent)} in ${defaults.seconds.toFixed(1)} s)`, value: `${(defaults.sent / defaults.seconds).toFixed(2)} msg/s` });
  report.add({ label: 'event loop delay at default settings, p99 (max)', value: `${formatMs(defaults.p99LoopDelayMs)} (${formatMs(defaults.maxLoopDelayMs)})`, target: '< 50 ms', pass: defaults.p99LoopDelayMs < 50 });
  report.add({ label: 'peak RSS at default settings', value: formatMb(defaults.peakRssBytes), target: '< 150 MB', pass: defaults.peakRssBytes < 150 * 1024 * 1024 });

  report.section('BullMQ on a local Redis (bench-only comparison)');
  report.add({ label: 'BullMQ comparison', value: redisComparisonNote() });
  report.summary();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
