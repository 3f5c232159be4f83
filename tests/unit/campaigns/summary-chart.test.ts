import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { barGeometry, CHART, renderSummaryChart, type Rgb } from '../../../src/campaigns/summary-chart.js';
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphPixel, glyphRows } from '../../../src/campaigns/summary-chart-font.js';

const RED: Rgb = [220, 53, 69];
const BLUE: Rgb = [13, 110, 253];

function pixel(image: PNG, x: number, y: number): Rgb {
  const at = (y * image.width + x) * 4;
  return [image.data[at]!, image.data[at + 1]!, image.data[at + 2]!];
}

/** How many pixels of `color` run from the bar's start along its middle row. */
function barLength(image: PNG, index: number, color: Rgb): number {
  const { x, y, maxLength } = barGeometry(index);
  const row = y + Math.floor(CHART.barHeight / 2);
  let length = 0;
  while (length < maxLength && pixel(image, x + length, row).join() === color.join()) length++;
  return length;
}

describe('the summary chart', () => {
  it('draws one bar per figure, scaled to the largest, in its colour', () => {
    const png = renderSummaryChart({
      title: 'Campaign 7: completed',
      bars: [
        { label: 'targeted', value: 200, color: BLUE },
        { label: 'failed', value: 50, color: RED },
        { label: 'replied', value: 0, color: RED },
      ],
      percentOf: 200,
    });
    const image = PNG.sync.read(png);
    expect(image.width).toBe(CHART.width);
    const full = barGeometry(0).maxLength;
    expect(barLength(image, 0, BLUE)).toBe(full);
    expect(barLength(image, 1, RED)).toBe(Math.round(full / 4));
    expect(barLength(image, 2, RED)).toBe(0);
  });

  it('writes labels and figures with the bitmap font', () => {
    const png = renderSummaryChart({ title: 'X', bars: [{ label: '1', value: 3, color: BLUE }] });
    const image = PNG.sync.read(png);
    const { y } = barGeometry(0);
    const textY = y + Math.floor((CHART.barHeight - GLYPH_HEIGHT * CHART.scale) / 2);
    // The label "1" is drawn at the left margin, pixel for pixel from its glyph.
    const rows = glyphRows('1');
    for (let row = 0; row < GLYPH_HEIGHT; row++) {
      for (let column = 0; column < GLYPH_WIDTH; column++) {
        const inked = pixel(image, CHART.margin + column * CHART.scale, textY + row * CHART.scale).join() === CHART.ink.join();
        expect(inked).toBe(glyphPixel(rows, column, row));
      }
    }
  });

  it('says n/a for a figure that is not tracked instead of drawing a bar', () => {
    const image = PNG.sync.read(renderSummaryChart({ title: 'X', bars: [{ label: 'replied', value: null, color: RED }] }));
    expect(barLength(image, 0, RED)).toBe(0);
  });

  it('grows with the number of bars', () => {
    const one = PNG.sync.read(renderSummaryChart({ title: 'X', bars: [{ label: 'a', value: 1, color: RED }] }));
    const eight = PNG.sync.read(renderSummaryChart({ title: 'X', bars: Array.from({ length: 8 }, (_, i) => ({ label: `b${i}`, value: i, color: RED })) }));
    expect(eight.height - one.height).toBe(7 * CHART.rowHeight);
  });
});

describe('the bitmap font', () => {
  it('has every digit and letter, draws lower case as capitals and unknown characters as ?', () => {
    for (const char of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') expect(glyphRows(char)).toHaveLength(GLYPH_HEIGHT);
    expect(glyphRows('a')).toEqual(glyphRows('A'));
    expect(glyphRows('€')).toEqual(glyphRows('?'));
    expect(new Set('0123456789'.split('').map((d) => glyphRows(d).join())).size).toBe(10);
  });
});
