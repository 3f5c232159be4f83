import type { BesideFigures, FunnelFigures, SummaryChartInput, VariantFigures } from './summary-chart.js';
import { fitText, textWidth } from './summary-chart-font.js';
import { bucketName, type RateSeries } from './summary-rates.js';
import { figureText, GRID, INK, MUTED, niceScale, type SvgCanvas, thousands, TRACK } from './summary-chart-svg.js';

const LEFT = 24;
const RIGHT = 696;

/** One colour per outcome, the same wherever the outcome appears. */
export const COLORS = {
  targeted: '#6c757d',
  sent: '#0d6efd',
  delivered: '#20c997',
  read: '#198754',
  replied: '#6f42c1',
  failed: '#dc3545',
  skipped: '#fd7e14',
  optedOut: '#ad500a',
  notSent: '#adb5bd',
  unknown: '#ffc107',
} as const;

/** Title, subtitle and note; returns where the next section starts. */
export function drawHeader(canvas: SvgCanvas, input: SummaryChartInput, top: number): number {
  let y = top + 20;
  canvas.text(LEFT, y, fitText(input.title, 20, RIGHT - LEFT), { size: 20, bold: true });
  for (const line of [input.subtitle, input.note]) {
    if (!line) continue;
    y += 22;
    canvas.text(LEFT, y, fitText(line, 13, RIGHT - LEFT), { size: 13, fill: MUTED });
  }
  return y + 18;
}

const FUNNEL = { labelX: LEFT, barLeft: 108, barRight: 344, valueX: 352, rowHeight: 34, barHeight: 24 } as const;

/** Where funnel stage `index` is drawn, exported so tests can find its bar. */
export function funnelRow(top: number, index: number): { y: number; centre: number; maxWidth: number } {
  return { y: top + 30 + index * FUNNEL.rowHeight, centre: (FUNNEL.barLeft + FUNNEL.barRight) / 2, maxWidth: FUNNEL.barRight - FUNNEL.barLeft };
}

/**
 * The funnel: a centred bar per stage, as wide as its share of the targeted
 * messages, joined to the next stage by a pale band so the drop between
 * stages shows.
 */
export function drawFunnel(canvas: SvgCanvas, funnel: FunnelFigures, top: number): number {
  canvas.text(LEFT, top + 14, 'Outcomes', { size: 14, bold: true });
  const stages = [
    ['targeted', funnel.targeted],
    ['sent', funnel.sent],
    ['delivered', funnel.delivered],
    ['read', funnel.read],
    ['replied', funnel.replied],
  ] as const;
  const widthOf = (value: number) => (funnel.targeted > 0 && value > 0 ? Math.max(2, (Math.min(value, funnel.targeted) / funnel.targeted) * funnelRow(top, 0).maxWidth) : 0);
  stages.forEach(([stage, value], index) => {
    const { y, centre } = funnelRow(top, index);
    const width = widthOf(value);
    const next = stages[index + 1];
    if (next) {
      const below = widthOf(next[1]);
      canvas.polygon(
        [[centre - width / 2, y + FUNNEL.barHeight], [centre + width / 2, y + FUNNEL.barHeight], [centre + below / 2, y + FUNNEL.rowHeight], [centre - below / 2, y + FUNNEL.rowHeight]],
        COLORS[next[0]],
        0.18,
      );
    }
    canvas.rect(centre - width / 2, y, width, FUNNEL.barHeight, COLORS[stage], 3);
    const baseline = y + FUNNEL.barHeight / 2 + 4.5;
    canvas.text(FUNNEL.labelX, baseline, stage, { size: 13 });
    canvas.text(FUNNEL.valueX, baseline, figureText(value, stage === 'targeted' ? 0 : funnel.targeted), { size: 13, bold: stage === 'targeted' });
  });
  return funnelRow(top, stages.length - 1).y + FUNNEL.rowHeight;
}

const BESIDE = { left: 480, right: RIGHT, rowHeight: 34 } as const;

/** Failed, skipped and opted out (and, when any, not sent and unknown) as thin bars of the targeted. */
export function drawBeside(canvas: SvgCanvas, beside: BesideFigures, targeted: number, top: number): number {
  canvas.text(BESIDE.left, top + 14, 'Beside the funnel', { size: 14, bold: true });
  const rows = (
    [
      ['failed', 'failed', beside.failed],
      ['skipped', 'skipped', beside.skipped],
      ['optedOut', 'opted out', beside.optedOut],
      ['notSent', 'not sent', beside.notSent],
      ['unknown', 'unknown', beside.unknown],
    ] as const
  ).filter(([key, , value]) => value > 0 || key === 'failed' || key === 'skipped' || key === 'optedOut');
  const width = BESIDE.right - BESIDE.left;
  rows.forEach(([key, label, value], index) => {
    const y = top + 30 + index * BESIDE.rowHeight;
    canvas.text(BESIDE.left, y + 12, label, { size: 13 });
    canvas.text(BESIDE.right, y + 12, figureText(value, targeted), { size: 13, anchor: 'end' });
    canvas.rect(BESIDE.left, y + 18, width, 6, TRACK, 3);
    const share = targeted > 0 ? Math.min(1, value / targeted) : 0;
    if (value > 0) canvas.rect(BESIDE.left, y + 18, Math.max(3, share * width), 6, COLORS[key], 3);
  });
  return top + 30 + rows.length * BESIDE.rowHeight;
}

const PLOT = { left: 64, right: RIGHT, height: 150 } as const;

function legend(canvas: SvgCanvas, y: number, entries: readonly (readonly [string, string])[]): void {
  let x = RIGHT;
  for (const [label, color] of [...entries].reverse()) {
    canvas.text(x, y, label, { size: 12, anchor: 'end' });
    x -= textWidth(label, 12) + 5;
    canvas.rect(x - 10, y - 9, 10, 10, color, 2);
    x -= 24;
  }
}

/** Horizontal grid lines and their figures over a plot from `top` down `height`. */
function yAxis(canvas: SvgCanvas, top: number, height: number, largest: number): (value: number) => number {
  const { top: ceiling, step } = niceScale(largest);
  const yOf = (value: number) => top + height - (value / ceiling) * height;
  for (let value = 0; value <= ceiling; value += step) {
    canvas.line(PLOT.left, yOf(value), PLOT.right, yOf(value), value === 0 ? MUTED : GRID, 1);
    canvas.text(PLOT.left - 8, yOf(value) + 4, thousands(value), { size: 11, fill: MUTED, anchor: 'end' });
  }
  return yOf;
}

function timeFormat(timeZone: string, spanMs: number): Intl.DateTimeFormat {
  const day = spanMs > 86_400_000;
  return new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', ...(day ? { day: 'numeric', month: 'short' } : {}) });
}

/** Messages sent and delivered per interval over the latest run, as two lines. */
export function drawRates(canvas: SvgCanvas, rates: RateSeries | undefined, timeZone: string, top: number): number {
  const titleY = top + 22;
  if (!rates) {
    canvas.text(LEFT, titleY, 'Sent and delivered over time', { size: 14, bold: true });
    canvas.text(LEFT, titleY + 22, 'Nothing has been sent yet.', { size: 13, fill: MUTED });
    return titleY + 30;
  }
  canvas.text(LEFT, titleY, `Sent and delivered per ${bucketName(rates.bucketMs)}`, { size: 14, bold: true });
  canvas.text(LEFT, titleY + 18, `latest run, times in ${timeZone}`, { size: 12, fill: MUTED });
  legend(canvas, titleY, [['sent', COLORS.sent], ['delivered', COLORS.delivered]]);
  const plotTop = titleY + 36;
  const count = rates.sent.length;
  const yOf = yAxis(canvas, plotTop, PLOT.height, Math.max(...rates.sent, ...rates.delivered));
  const xOf = (bucket: number) => PLOT.left + (bucket / count) * (PLOT.right - PLOT.left);

  const format = timeFormat(timeZone, count * rates.bucketMs);
  const every = Math.ceil(count / 6);
  for (let bucket = 0; bucket <= count; bucket += every) {
    const x = xOf(bucket);
    canvas.line(x, plotTop + PLOT.height, x, plotTop + PLOT.height + 4, MUTED, 1);
    canvas.text(x, plotTop + PLOT.height + 17, format.format(rates.start + bucket * rates.bucketMs), { size: 11, fill: MUTED, anchor: 'middle' });
  }
  for (const [series, color] of [[rates.sent, COLORS.sent], [rates.delivered, COLORS.delivered]] as const) {
    const points = series.map((value, bucket) => [xOf(bucket + 0.5), yOf(value)] as const);
    if (points.length > 1) canvas.polyline(points, color, 2.5);
    if (points.length <= 48) for (const [x, y] of points) canvas.circle(x, y, 3, color);
  }
  return plotTop + PLOT.height + 26;
}

const STAGES = ['sent', 'delivered', 'read', 'replied'] as const;

/** Each variant's sent, delivered, read and replied as a group of bars, side by side. */
export function drawVariants(canvas: SvgCanvas, variants: readonly VariantFigures[], top: number): number {
  const titleY = top + 22;
  canvas.text(LEFT, titleY, 'Template variants', { size: 14, bold: true });
  legend(canvas, titleY, STAGES.map((stage) => [stage, COLORS[stage]] as const));
  const plotTop = titleY + 30;
  const height = 130;
  const yOf = yAxis(canvas, plotTop, height, Math.max(...variants.flatMap((v) => STAGES.map((stage) => v[stage]))));
  const groupWidth = (PLOT.right - PLOT.left) / variants.length;
  const barWidth = Math.min(30, (groupWidth * 0.8) / STAGES.length);
  variants.forEach((variant, index) => {
    const groupLeft = PLOT.left + index * groupWidth + (groupWidth - barWidth * STAGES.length) / 2;
    STAGES.forEach((stage, slot) => {
      const x = groupLeft + slot * barWidth;
      const y = yOf(variant[stage]);
      canvas.rect(x + 1, y, barWidth - 2, plotTop + height - y, COLORS[stage], 2);
      if (barWidth >= 18) canvas.text(x + barWidth / 2, y - 4, thousands(variant[stage]), { size: 10, fill: INK, anchor: 'middle' });
    });
    const centre = PLOT.left + (index + 0.5) * groupWidth;
    canvas.text(centre, plotTop + height + 17, fitText(variant.label, 12, groupWidth - 8), { size: 12, anchor: 'middle' });
  });
  return plotTop + height + 26;
}
