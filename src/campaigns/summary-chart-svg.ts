import { FONT_FAMILY } from './summary-chart-font.js';

export const escapeXml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const n = (value: number) => Number(value.toFixed(2));

export interface TextStyle {
  size?: number;
  bold?: boolean;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
}

/** The few SVG shapes the summary picture is made of, collected as markup. */
export class SvgCanvas {
  private readonly parts: string[] = [];

  rect(x: number, y: number, width: number, height: number, fill: string, radius = 0): void {
    if (width <= 0 || height <= 0) return;
    this.parts.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" rx="${radius}" fill="${fill}"/>`);
  }

  polygon(points: readonly (readonly [number, number])[], fill: string, opacity = 1): void {
    this.parts.push(`<polygon points="${points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${fill}" fill-opacity="${opacity}"/>`);
  }

  line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1): void {
    this.parts.push(`<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" stroke-width="${width}"/>`);
  }

  polyline(points: readonly (readonly [number, number])[], stroke: string, width = 2): void {
    const list = points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ');
    this.parts.push(`<polyline points="${list}" fill="none" stroke="${stroke}" stroke-width="${width}" stroke-linejoin="round" stroke-linecap="round"/>`);
  }

  circle(x: number, y: number, radius: number, fill: string): void {
    this.parts.push(`<circle cx="${n(x)}" cy="${n(y)}" r="${radius}" fill="${fill}"/>`);
  }

  /** Text whose baseline is at `y`. */
  text(x: number, y: number, value: string, style: TextStyle = {}): void {
    const { size = 13, bold = false, fill = INK, anchor = 'start' } = style;
    this.parts.push(
      `<text x="${n(x)}" y="${n(y)}" font-size="${size}"${bold ? ' font-weight="700"' : ''} fill="${fill}" text-anchor="${anchor}">${escapeXml(value)}</text>`,
    );
  }

  toSvg(width: number, height: number, background: string): string {
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">`,
      `<rect width="${width}" height="${height}" fill="${background}"/>`,
      ...this.parts,
      '</svg>',
    ].join('\n');
  }
}

export const INK = '#212529';
export const MUTED = '#6c757d';
export const GRID = '#dee2e6';
export const TRACK = '#e9ecef';

/** An axis top and step that land on round numbers (1, 2 or 5 times a power of ten). */
export function niceScale(largest: number, steps = 5): { top: number; step: number } {
  if (largest <= 0) return { top: steps, step: 1 };
  const rough = largest / steps;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const wholeStep = Math.max(1, step);
  return { top: Math.ceil(largest / wholeStep) * wholeStep, step: wholeStep };
}

export const thousands = (value: number) => Math.round(value).toLocaleString('en-US');

/** "1,234 · 62%" (the share of `whole`), or just the figure when there is no whole. */
export function figureText(value: number, whole: number): string {
  return whole > 0 ? `${thousands(value)} · ${Math.round((value / whole) * 100)}%` : thousands(value);
}
