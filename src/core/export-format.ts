import type { ExportSeparator } from '../config.js';
import { localParts } from './zoned-time.js';

/**
 * How the CSV files operators open in a spreadsheet are written: UTF-8 with a
 * BOM (without it Excel reads UTF-8 as Windows-1252 and mangles accents), the
 * separator their Excel expects (`;` in pt/es locales, where `,` is the
 * decimal mark), and times in their zone.
 */
export interface ExportFormat {
  separator: ExportSeparator;
  timeZone: string;
}

export const BOM = '\uFEFF';

/** "2026-01-05 09:00:00" in the operator's zone; empty for no time. */
export function exportTime(epochMs: number | null, timeZone: string): string {
  if (epochMs === null) return '';
  const p = localParts(epochMs, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/**
 * A phone a spreadsheet shows as written: "+5511987654321" alone would be read
 * as a number (5.51E+12, the + lost), and the usual quote-mark guard shows the
 * quote. ="…" is a formula that yields the text itself; only an E.164 number,
 * digits after a +, is ever written this way, so nothing else can ride on it.
 */
export function exportPhone(phone: string): string {
  return /^\+\d{4,15}$/.test(phone) ? `="${phone}"` : phone;
}
