import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOutcomeReport } from '../src/campaigns/outcome-report.js';
import { FigureReport, formatCount, formatMs, reportBenchFailure } from './support/figures.js';
import { BENCH_TEMPLATE, createBenchApp } from './queue/bench-app.js';
import { seedContacts } from './queue/seed-contacts.js';

/**
 * /report on a 100,000-recipient run while the rest of the process keeps
 * writing (an audit row at every event-loop turn, as commands, sends and
 * receipts do): the report must never hold the connection, so no write is
 * refused and none waits long.
 */
const RECIPIENTS = 100_000;

async function main(): Promise<void> {
  const report = new FigureReport();
  const dir = mkdtempSync(join(tmpdir(), 'zapcast-report-bench-'));
  try {
    const app = createBenchApp(join(dir, 'data'));
    const { repos, campaigns, clock, paths } = app.services;
    const listId = seedContacts(repos, RECIPIENTS, 900_000_000, clock.now());
    const campaign = campaigns.createDraft({ listId, template: BENCH_TEMPLATE });
    await campaigns.start(campaign.id);
    campaigns.pause(campaign.id);

    report.section(`/report of a ${formatCount(RECIPIENTS)}-recipient run while other writes go on`);
    let finished = false;
    const started = performance.now();
    const written = writeOutcomeReport(repos, campaign.id, paths.exports, { now: clock.now(), receiptTimeoutMs: 86_400_000 }, { separator: ',', timeZone: 'UTC' }).finally(
      () => (finished = true),
    );
    let writes = 0;
    let refused = 0;
    let lastWrite = performance.now();
    let longestGap = 0;
    let longestWrite = 0;
    while (!finished) {
      try {
        const before = performance.now();
        repos.audit.write({ at: clock.now(), frontEnd: 'console', actorId: 'bench', command: 'status', outcome: 'ok' });
        writes++;
        const now = performance.now();
        longestWrite = Math.max(longestWrite, now - before);
        longestGap = Math.max(longestGap, now - lastWrite);
        lastWrite = now;
      } catch {
        refused++;
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const { rows } = await written;
    const ms = performance.now() - started;
    report.add({ label: `report written (${formatCount(rows)} rows)`, value: formatMs(ms, 0) });
    report.add({ label: 'report rate', value: `${formatCount(rows / (ms / 1000))} rows/s` });
    report.add({ label: 'writes that went through meanwhile (context)', value: formatCount(writes) });
    report.add({ label: 'writes refused while the report ran', value: formatCount(refused), target: '0', pass: refused === 0 });
    report.add({ label: 'longest single write, its own fsync (context)', value: formatMs(longestWrite, 1) });
    report.add({ label: 'longest gap between two writes', value: formatMs(longestGap, 1), target: '< 250 ms', pass: longestGap < 250 });
    await app.stop();
    report.summary();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(reportBenchFailure('report bench'));
