import { existsSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CHART, pngSize, renderSummaryChart, summaryChartSvg } from '../../../src/campaigns/summary-chart.js';
import { fitText, fontFiles } from '../../../src/campaigns/summary-chart-font.js';
import { COLORS, funnelRow } from '../../../src/campaigns/summary-chart-sections.js';
import { sampleSummary, SAMPLE_VARIANTS } from '../../support/summary-sample.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const hex = (r: number, g: number, b: number) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

function pixel(image: PNG, x: number, y: number): string {
  const at = (Math.round(y) * image.width + Math.round(x)) * 4;
  return hex(image.data[at]!, image.data[at + 1]!, image.data[at + 2]!);
}

function colours(image: PNG, top = 0, bottom = image.height): Set<string> {
  const seen = new Set<string>();
  for (let y = top; y < bottom; y++) for (let x = 0; x < image.width; x++) seen.add(pixel(image, x, y));
  return seen;
}

/** The funnel's top in the sample: under a title, a subtitle and a note. */
const funnelTop = CHART.margin + 20 + 22 + 22 + 18;

/** How many pixels of the bar's colour its middle row has, in SVG units. */
function funnelBarWidth(image: PNG, index: number, colour: string): number {
  const { y } = funnelRow(funnelTop, index);
  const row = (y + 12) * CHART.scale;
  let count = 0;
  for (let x = 0; x < image.width; x++) if (pixel(image, x, row) === colour) count++;
  return count / CHART.scale;
}

describe('the summary picture', () => {
  it('is a PNG of the stated size with anti-aliased, accented text, for contacts with accented names', async () => {
    const input = sampleSummary();
    const png = await renderSummaryChart(input);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const image = PNG.sync.read(png);
    const { height } = summaryChartSvg(input);
    expect({ width: image.width, height: image.height }).toEqual(pngSize(height));
    expect(image.width).toBe(1080);

    // The header holds text only (black and grey on white): smoothed glyph
    // edges give it dozens of in-between shades, where bitmap text has two.
    const header = colours(image, 0, Math.round(funnelTop * CHART.scale));
    expect(header.size).toBeGreaterThan(40);
    expect(colours(image).size).toBeGreaterThan(300);
  });

  it('draws accents: "Conceição" is not "Conceicao", nor glyphs the font lacks', async () => {
    const title = async (text: string) => PNG.sync.read(await renderSummaryChart(sampleSummary({ title: text, subtitle: '', note: '' })));
    const accented = await title('João Conceição');
    const plain = await title('Joao Conceicao');
    const missing = await title('Jo\u{10FFFD}o Concei\u{10FFFD}\u{10FFFD}o');
    expect(Buffer.compare(accented.data, plain.data)).not.toBe(0);
    expect(Buffer.compare(accented.data, missing.data)).not.toBe(0);
  });

  it('uses only the font shipped in its npm package, never a system font', () => {
    const files = fontFiles();
    expect(files).toHaveLength(2);
    for (const file of files) {
      expect(existsSync(file), file).toBe(true);
      expect(file).toMatch(/node_modules[\\/]@expo-google-fonts[\\/]noto-sans[\\/].+\.ttf$/);
    }
    expect(summaryChartSvg(sampleSummary()).svg).toContain('font-family="Noto Sans"');
  });

  it('draws the funnel with each stage as wide as its share of the targeted', async () => {
    const image = PNG.sync.read(await renderSummaryChart(sampleSummary()));
    const full = funnelRow(0, 0).maxWidth;
    expect(funnelBarWidth(image, 0, COLORS.targeted)).toBeCloseTo(full, -1);
    expect(funnelBarWidth(image, 3, COLORS.read)).toBeCloseTo((full * 860) / 1_240, -1);
    expect(funnelBarWidth(image, 4, COLORS.replied)).toBeCloseTo((full * 212) / 1_240, -1);
  });

  it('writes failed, skipped and opted out beside the funnel, and not sent or unknown only when there are some', () => {
    const { svg } = summaryChartSvg(sampleSummary());
    for (const label of ['failed', 'skipped', 'opted out', '38 · 3%', '22 · 2%', '9 · 1%']) expect(svg).toContain(`>${label}<`);
    expect(svg).not.toContain('>not sent<');
    const stopped = summaryChartSvg(sampleSummary({ beside: { failed: 0, skipped: 0, optedOut: 0, notSent: 60, unknown: 2 } })).svg;
    expect(stopped).toContain('>not sent<');
    expect(stopped).toContain('>unknown<');
  });

  it('draws the send and delivery rate over time, with times in the zone given', () => {
    const { svg } = summaryChartSvg(sampleSummary());
    expect(svg).toContain('>Sent and delivered per 10 min<');
    expect(svg).toContain('>latest run, times in America/Sao_Paulo<');
    // The sample run starts at 12:00 UTC: 09:00 in São Paulo.
    expect(svg).toContain('>09:00<');
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    const idle = summaryChartSvg(sampleSummary({ rates: undefined })).svg;
    expect(idle).toContain('>Nothing has been sent yet.<');
    expect(idle).not.toContain('<polyline');
  });

  it('draws per-variant figures side by side when there are some, and no such section otherwise', async () => {
    const without = summaryChartSvg(sampleSummary());
    expect(without.svg).not.toContain('Template variants');
    const withVariants = summaryChartSvg(sampleSummary({ variants: SAMPLE_VARIANTS }));
    expect(withVariants.svg).toContain('>Template variants<');
    for (const variant of SAMPLE_VARIANTS) {
      expect(withVariants.svg).toContain(`>${variant.label}<`);
      for (const figure of [variant.sent, variant.delivered, variant.read, variant.replied]) expect(withVariants.svg).toContain(`>${figure}<`);
    }
    expect(withVariants.height).toBeGreaterThan(without.height + 150);
    const image = PNG.sync.read(await renderSummaryChart(sampleSummary({ variants: SAMPLE_VARIANTS })));
    expect(image.height).toBe(pngSize(withVariants.height).height);
  });

  it('escapes names that look like markup, and shortens what would not fit', () => {
    const { svg } = summaryChartSvg(sampleSummary({ title: 'Campaign 3: <Ana & "Bia">' }));
    expect(svg).toContain('Campaign 3: &lt;Ana &amp; &quot;Bia&quot;&gt;');
    const long = 'Conceição '.repeat(30);
    const shortened = fitText(long, 13, 200);
    expect(shortened.endsWith('…')).toBe(true);
    expect(shortened.length).toBeLessThan(long.length);
    expect(fitText('João', 13, 200)).toBe('João');
  });
});
