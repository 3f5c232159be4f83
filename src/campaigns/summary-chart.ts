import { renderAsync } from '@resvg/resvg-js';
import { fontFiles, FONT_FAMILY } from './summary-chart-font.js';
import { drawBeside, drawFunnel, drawHeader, drawRates, drawVariants } from './summary-chart-sections.js';
import { SvgCanvas } from './summary-chart-svg.js';
import type { RateSeries } from './summary-rates.js';

/** The outcome funnel: each stage a subset of the one before. */
export interface FunnelFigures {
  targeted: number;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
}

/** Outcomes beside the funnel: messages that did not go through it, and opt-outs. */
export interface BesideFigures {
  failed: number;
  skipped: number;
  optedOut: number;
  /** Still waiting to leave, or left when the campaign stopped. */
  notSent: number;
  /** Sent when zapcast stopped mid-send: may or may not have left. */
  unknown: number;
}

/** One template variant's figures, drawn side by side with the others'. */
export interface VariantFigures {
  label: string;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
}

export interface SummaryChartInput {
  title: string;
  subtitle?: string;
  /** A line under the subtitle (e.g. the first message as it went out). */
  note?: string;
  funnel: FunnelFigures;
  beside: BesideFigures;
  /** Sends and deliveries over time; absent when nothing left yet. */
  rates?: RateSeries;
  /** The zone the time axis is written in (IANA name). */
  timeZone: string;
  /** Per-variant figures; the section is drawn only when there are some. */
  variants?: readonly VariantFigures[];
}

/** Layout in SVG units; the PNG is `scale` times larger, sharp on a phone's screen. */
export const CHART = { width: 720, margin: 24, scale: 1.5, background: '#ffffff' } as const;

/** The picture as SVG, and its size in SVG units. */
export function summaryChartSvg(input: SummaryChartInput): { svg: string; width: number; height: number } {
  const canvas = new SvgCanvas();
  let top = drawHeader(canvas, input, CHART.margin);
  top = Math.max(drawFunnel(canvas, input.funnel, top), drawBeside(canvas, input.beside, input.funnel.targeted, top));
  top = drawRates(canvas, input.rates, input.timeZone, top);
  if (input.variants && input.variants.length > 0) top = drawVariants(canvas, input.variants, top);
  const height = Math.ceil(top + CHART.margin);
  return { svg: canvas.toSvg(CHART.width, height, CHART.background), width: CHART.width, height };
}

/** The PNG's size in pixels for a picture of this height in SVG units. */
export const pngSize = (height: number) => ({ width: Math.round(CHART.width * CHART.scale), height: Math.round(height * CHART.scale) });

/**
 * Draws the campaign summary (header, outcome funnel with what fell beside
 * it, send and delivery rate over time, per-variant figures when there are
 * some) and returns the PNG. resvg renders it off the main thread with the
 * packaged font only: no system font takes part, here or in the Docker image.
 */
export async function renderSummaryChart(input: SummaryChartInput): Promise<Buffer> {
  const { svg } = summaryChartSvg(input);
  const image = await renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles: fontFiles(), defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    fitTo: { mode: 'zoom', value: CHART.scale },
    textRendering: 1,
    shapeRendering: 2,
    logLevel: 'off',
  });
  return image.asPng();
}
