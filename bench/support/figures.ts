import { percentile } from './timing.js';

/** One measured figure, printed beside its target with PASS or MISS. */
export interface Figure {
  label: string;
  value: string;
  /** What the figure must reach, in words; absent for figures shown for context. */
  target?: string;
  pass?: boolean;
}

const LABEL_WIDTH = 52;
const VALUE_WIDTH = 22;

export class FigureReport {
  private readonly figures: Figure[] = [];

  constructor(private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {}

  /** Prints the figure at once (benches are long; nobody should wait for the end to see one). */
  add(figure: Figure): void {
    this.figures.push(figure);
    this.write(formatFigure(figure));
  }

  section(title: string): void {
    this.write(`\n-- ${title}`);
  }

  /** The targets line: how many were met, and which were not. */
  summary(): { met: number; targets: number; missed: string[] } {
    const judged = this.figures.filter((f) => f.pass !== undefined);
    const missed = judged.filter((f) => !f.pass).map((f) => f.label);
    this.write(`\ntargets met: ${judged.length - missed.length} of ${judged.length}${missed.length ? ` (missed: ${missed.join('; ')})` : ''}`);
    return { met: judged.length - missed.length, targets: judged.length, missed };
  }
}

export function formatFigure(figure: Figure): string {
  const head = `${figure.label.padEnd(LABEL_WIDTH)} ${figure.value.padStart(VALUE_WIDTH)}`;
  if (figure.pass === undefined) return head;
  return `${head}   target ${figure.target ?? ''}   ${figure.pass ? 'PASS' : 'MISS'}`;
}

/** 1234567.8 -> "1,234,568". */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function formatMs(ms: number, digits = 1): string {
  return `${ms.toFixed(digits)} ms`;
}

export function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Median, p95 (judged against `targetMs`) and worst of a set of answer times. */
export function addLatencyFigures(report: FigureReport, name: string, values: readonly number[], targetMs: number): void {
  const sorted = [...values].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  report.add({ label: `${name}: median`, value: formatMs(percentile(sorted, 50), 0) });
  report.add({ label: `${name}: p95`, value: formatMs(p95, 0), target: `< ${targetMs} ms`, pass: p95 < targetMs });
  report.add({ label: `${name}: worst of ${values.length}`, value: formatMs(sorted.at(-1) ?? Number.NaN, 0) });
}

/** Ends a bench that failed with its name and the error, and a failing exit code for `npm run bench`. */
export function reportBenchFailure(name: string): (error: unknown) => void {
  return (error) => {
    process.stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  };
}
