export interface RejectedRow {
  line: number;
  value: string;
  reason: string;
}

export interface ImportReport {
  listId: number;
  listName: string;
  rowsRead: number;
  valid: number;
  invalid: Record<string, number>;
  duplicates: number;
  optedOut: number;
  fixedLine: number;
  format: string;
  encoding: string;
  delimiter: string;
  phoneColumn: string;
  nameColumn: string | null;
  variables: string[];
  rejectedFile: string | null;
}

export function invalidTotal(report: ImportReport): number {
  return Object.values(report.invalid).reduce((a, b) => a + b, 0);
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** The import report as the operator reads it. */
export function formatImportReport(report: ImportReport): string {
  const invalid = invalidTotal(report);
  const reasons = Object.entries(report.invalid)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reason}: ${n}`)
    .join(', ');
  const lines = [
    `List ${report.listId} "${report.listName}" imported.`,
    `Rows read: ${report.rowsRead}`,
    `Valid: ${report.valid}${report.fixedLine > 0 ? ` (${report.fixedLine} fixed-line, kept)` : ''}`,
    `Invalid: ${invalid}${reasons ? ` (${reasons})` : ''}`,
    `Duplicates: ${report.duplicates}`,
    `Opted out: ${report.optedOut} (imported, never messaged)`,
    `Read as: ${report.format}, ${report.encoding}, ${DELIMITER_NAMES[report.delimiter] ?? report.delimiter}-separated; phone column "${report.phoneColumn}"${report.nameColumn ? `, name column "${report.nameColumn}"` : ''}`,
  ];
  if (report.variables.length > 0) lines.push(`Template variables: ${report.variables.map((v) => `{${v}}`).join(' ')}`);
  if (report.rejectedFile) lines.push(`Rejected rows: ${report.rejectedFile}`);
  return lines.join('\n');
}
