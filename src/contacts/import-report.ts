import type { InvalidReason } from './choose-phones.js';
import { DELIMITER_NAMES } from './csv-dialect.js';
import type { SourceDescription } from './contact-source.js';
import { ENCODING_NAMES } from './text-encoding.js';

/** What an import did with every row; kept as the list's report_json. */
export interface ImportReport extends SourceDescription {
  listId: number;
  /** False when no row gave a valid number: the list was not kept (the report and rejected rows say why). */
  kept: boolean;
  listName: string;
  variables: string[];
  allPhones: boolean;
  /** The country numbers written without + were read in; null: only numbers with their country code were taken. */
  country: string | null;
  /** Data rows (or cards) read, blank rows aside. */
  rowsRead: number;
  /** Contacts on the list. Opted-out and fixed-line ones are among them. */
  valid: number;
  invalid: Partial<Record<InvalidReason, number>>;
  duplicates: number;
  optedOut: number;
  fixedLine: number;
  /** Valid contacts written with their country code (+ or 00), not read in `country`. */
  international: number;
  rejectedFile: string | null;
}

export function invalidTotal(report: Pick<ImportReport, 'invalid'>): number {
  return Object.values(report.invalid).reduce((a: number, b) => a + (b ?? 0), 0);
}

function howRead(report: ImportReport): string {
  const parts: string[] = [report.format];
  if (report.encoding) parts.push(ENCODING_NAMES[report.encoding]);
  if (report.delimiter) parts.push(`${DELIMITER_NAMES[report.delimiter]}-separated`);
  if (report.header !== null) parts.push(report.header ? 'with a header row' : 'no header row');
  const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');
  let text = parts.join(', ');
  text += `; phone ${report.phoneColumns.length > 1 ? 'columns' : 'column'} ${quoted(report.phoneColumns)}`;
  if (report.nameColumns.length > 0) text += `; name from ${quoted(report.nameColumns)}`;
  return text;
}

/** How numbers were read: in the list's country, or only with their country code, and how many came each way. */
function countryLine(report: ImportReport): string {
  if (!report.country) {
    const missing = report.invalid['no country code'] ?? 0;
    const hint = missing > 0 ? `; ${missing} without one: import again with your country, such as country=BR, or set DEFAULT_COUNTRY` : '';
    return `Country: none, so numbers need their country code (+ or 00)${hint}`;
  }
  return `Country: ${report.country} for numbers without +; international numbers (+ or 00): ${report.international}`;
}

/** The import report as the operator reads it. */
export function formatImportReport(report: ImportReport): string {
  const reasons = Object.entries(report.invalid)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([reason, n]) => `${reason}: ${n}`)
    .join(', ');
  const invalid = invalidTotal(report);
  const lines = [
    report.kept ? `List ${report.listId} "${report.listName}" imported.` : `Nothing imported from "${report.listName}": no row has a valid phone number, so no list was made.`,
    `Rows read: ${report.rowsRead}`,
    `Valid: ${report.valid}${report.fixedLine > 0 ? ` (${report.fixedLine} fixed-line, kept and flagged)` : ''}${report.allPhones ? ' (every number of each row)' : ''}`,
    `Invalid: ${invalid}${reasons ? ` (${reasons})` : ''}`,
    countryLine(report),
    `Duplicates: ${report.duplicates}`,
    `Opted out: ${report.optedOut} (imported, never messaged)`,
    `Read as: ${howRead(report)}`,
  ];
  if (report.variables.length > 0) lines.push(`Template variables: {name} ${report.variables.map((v) => `{${v}}`).join(' ')}`);
  if (report.rejectedFile) lines.push(`Rejected rows: ${report.rejectedFile}`);
  return lines.join('\n');
}
