import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTemplate, renderForMessage } from '../src/campaigns/template.js';
import { variantFigures } from '../src/campaigns/variant-figures.js';
import { FigureReport, formatCount, formatMs } from './support/figures.js';
import { meanCallMs, timeMs } from './support/timing.js';
import { createBenchApp } from './queue/bench-app.js';
import { seedContacts } from './queue/seed-contacts.js';

/**
 * Template variations: what a message's render costs with them, and what the
 * per-variant figures cost a /status of a large run (they are counted from the
 * run's messages, not kept as counters).
 */
const TEMPLATE = '{{Hi|Hello|Good morning}} {name}, the {city} meeting is on {{Monday|the first day of the week}}. Reply STOP to opt out.';
const RUN_SIZE = 200_000;

const report = new FigureReport();
const dir = mkdtempSync(join(tmpdir(), 'zapcast-bench-'));
try {
  report.section('rendering');
  const template = parseTemplate(TEMPLATE);
  report.add({ label: 'parse a template with two variations (mean)', value: formatMs(meanCallMs(20_000, () => parseTemplate(TEMPLATE)), 4) });
  const values = { name: 'Ana Souza', phone: '+5511910000000', fields: { city: 'Recife' } };
  let id = 0;
  const renderMs = meanCallMs(200_000, () => renderForMessage(template, values, ++id));
  report.add({ label: 'render one message with its seeded variant (mean)', value: formatMs(renderMs, 4), target: '< 0.05 ms', pass: renderMs < 0.05 });
  const long = parseTemplate(`{{Hi|Hello}} {name} ${'word '.repeat(13_000)}`);
  report.add({ label: `parse a ${formatCount(long.source.length)}-character template (mean)`, value: formatMs(meanCallMs(200, () => parseTemplate(long.source)), 3) });

  report.section(`per-variant figures over a ${formatCount(RUN_SIZE)}-message run`);
  const app = createBenchApp(join(dir, 'data'));
  const { repos, campaigns, clock } = app.services;
  const listId = seedContacts(repos, RUN_SIZE, 900_000_000, clock.now());
  const campaign = campaigns.createDraft({ listId, template: TEMPLATE });
  const run = await campaigns.start(campaign.id);
  await app.services.campaigns.stop(campaign.id);
  // As if every message went out: the variant its id chooses, and a spread of outcomes.
  repos.db
    .prepare(`UPDATE messages SET variant = id % 6, state = CASE id % 4 WHEN 0 THEN 'sent' WHEN 1 THEN 'delivered' ELSE 'read' END, attempts = 1 WHERE run_id = ?`)
    .run(run.id);
  const figures = variantFigures(repos, repos.campaigns.get(campaign.id)!, [run.id]);
  report.add({ label: 'variants counted (context)', value: String(figures.length) });
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) samples.push(await timeMs(() => variantFigures(repos, repos.campaigns.get(campaign.id)!, [run.id])));
  const best = Math.min(...samples);
  report.add({ label: 'per-variant figures of the run (best of 5)', value: formatMs(best, 1), target: '< 250 ms', pass: best < 250 });
  report.summary();
  await app.stop?.();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
