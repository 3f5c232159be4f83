import { writeFileSync } from 'node:fs';
import { renderSummaryChart } from '../src/campaigns/summary-chart.js';
import { rateSeries } from '../src/campaigns/summary-rates.js';
import { sampleSummary, sampleTimes, SAMPLE_VARIANTS } from '../tests/support/summary-sample.js';
import { addLatencyFigures, FigureReport, formatMs, reportBenchFailure } from './support/figures.js';
import { timeMs } from './support/timing.js';

/**
 * How long /report takes to draw the summary picture: the SVG built and
 * rendered by resvg with the packaged font, to PNG bytes. The first render
 * loads the font files. Target: p95 under 250 ms, so /report answers at once.
 *
 * With a path argument, also writes the picture with per-variant figures
 * there (how the README's example is made):
 *   node dist/bench/summary-chart-bench.js docs/summary-example.png
 */
const RENDERS = 40;
const TARGET_MS = 250;

async function main(): Promise<void> {
  const report = new FigureReport();
  const plain = sampleSummary();
  const withVariants = sampleSummary({ variants: SAMPLE_VARIANTS });

  report.section('summary picture (1,240 messages over 3 h, 1080 px wide PNG)');
  let png: Buffer = Buffer.alloc(0);
  report.add({ label: 'first render (loads the font)', value: formatMs(await timeMs(async () => (png = await renderSummaryChart(plain)))) });
  report.add({ label: 'PNG size', value: `${(png.length / 1024).toFixed(0)} KB` });
  for (const [name, input] of [['render', plain], ['render with 3 template variants', withVariants]] as const) {
    const times: number[] = [];
    for (let i = 0; i < RENDERS; i++) times.push(await timeMs(() => renderSummaryChart(input)));
    addLatencyFigures(report, name, times, TARGET_MS);
  }

  report.section('rate over time');
  const times = sampleTimes(100_000);
  report.add({ label: 'bucketing 100,000 messages', value: formatMs(await timeMs(() => rateSeries(times))) });

  const out = process.argv[2];
  if (out) {
    writeFileSync(out, await renderSummaryChart(withVariants));
    report.add({ label: `written to ${out}`, value: 'ok' });
  }
  report.summary();
}

main().catch(reportBenchFailure('summary-chart-bench'));
