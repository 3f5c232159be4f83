import { PNG } from 'pngjs';
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphPixel, glyphRows } from './summary-chart-font.js';

export type Rgb = readonly [number, number, number];

export interface SummaryBar {
  label: string;
  /** null: not tracked for this campaign; drawn as "n/a" with no bar. */
  value: number | null;
  color: Rgb;
}

export interface SummaryChartInput {
  title: string;
  subtitle?: string;
  bars: readonly SummaryBar[];
  /** Percentages are of this figure (the targeted count); none when 0 or absent. */
  percentOf?: number;
}

/** Pixel geometry, exported so tests can find the bars they check. */
export const CHART = {
  width: 720,
  margin: 24,
  scale: 2,
  rowHeight: 36,
  barHeight: 22,
  labelChars: 12,
  valueChars: 16,
  background: [255, 255, 255] as Rgb,
  ink: [33, 37, 41] as Rgb,
  track: [233, 236, 239] as Rgb,
} as const;

const ADVANCE = (GLYPH_WIDTH + 1) * CHART.scale;
const TEXT_HEIGHT = GLYPH_HEIGHT * CHART.scale;

/** Where the bars begin and how long a full one is. */
export function barGeometry(barIndex: number): { x: number; y: number; maxLength: number } {
  const x = CHART.margin + CHART.labelChars * ADVANCE + ADVANCE;
  const maxLength = CHART.width - CHART.margin - CHART.valueChars * ADVANCE - x;
  const top = CHART.margin + TEXT_HEIGHT * 2 + 28;
  return { x, y: top + barIndex * CHART.rowHeight, maxLength };
}

class Canvas {
  readonly png: PNG;

  constructor(width: number, height: number, background: Rgb) {
    this.png = new PNG({ width, height });
    this.fill(0, 0, width, height, background);
  }

  fill(x: number, y: number, width: number, height: number, [r, g, b]: Rgb): void {
    const { data, width: w, height: h } = this.png;
    for (let row = Math.max(0, y); row < Math.min(h, y + height); row++) {
      for (let column = Math.max(0, x); column < Math.min(w, x + width); column++) {
        const at = (row * w + column) * 4;
        data[at] = r;
        data[at + 1] = g;
        data[at + 2] = b;
        data[at + 3] = 255;
      }
    }
  }

  text(x: number, y: number, value: string, color: Rgb, maxChars = Number.MAX_SAFE_INTEGER): void {
    const chars = [...value];
    const shown = chars.length > maxChars ? [...chars.slice(0, maxChars - 1), '.'] : chars;
    shown.forEach((char, index) => {
      const rows = glyphRows(char);
      for (let row = 0; row < GLYPH_HEIGHT; row++) {
        for (let column = 0; column < GLYPH_WIDTH; column++) {
          if (glyphPixel(rows, column, row)) this.fill(x + index * ADVANCE + column * CHART.scale, y + row * CHART.scale, CHART.scale, CHART.scale, color);
        }
      }
    });
  }
}

const thousands = (value: number) => Math.round(value).toLocaleString('en-US');

function valueText(value: number | null, percentOf: number | undefined): string {
  if (value === null) return 'n/a';
  if (!percentOf) return thousands(value);
  return `${thousands(value)} (${Math.round((value / percentOf) * 100)}%)`;
}

/**
 * Draws the campaign summary as horizontal labelled bars and returns the PNG.
 * Bars are scaled to the largest value so the picture reads at a glance on a
 * phone; the exact figures are written beside each bar.
 */
export function renderSummaryChart(input: SummaryChartInput): Buffer {
  const last = barGeometry(input.bars.length);
  const canvas = new Canvas(CHART.width, last.y + CHART.margin, CHART.background);
  const textChars = Math.floor((CHART.width - 2 * CHART.margin) / ADVANCE);
  canvas.text(CHART.margin, CHART.margin, input.title, CHART.ink, textChars);
  if (input.subtitle) canvas.text(CHART.margin, CHART.margin + TEXT_HEIGHT + 10, input.subtitle, CHART.ink, textChars);

  const largest = Math.max(1, ...input.bars.map((bar) => bar.value ?? 0));
  input.bars.forEach((bar, index) => {
    const { x, y, maxLength } = barGeometry(index);
    const textY = y + Math.floor((CHART.barHeight - TEXT_HEIGHT) / 2);
    canvas.text(CHART.margin, textY, bar.label, CHART.ink, CHART.labelChars);
    canvas.fill(x, y, maxLength, CHART.barHeight, CHART.track);
    const length = bar.value ? Math.max(1, Math.round((bar.value / largest) * maxLength)) : 0;
    canvas.fill(x, y, length, CHART.barHeight, bar.color);
    canvas.text(x + maxLength + ADVANCE, textY, valueText(bar.value, input.percentOf), CHART.ink, CHART.valueChars - 1);
  });
  return PNG.sync.write(canvas.png);
}
