/**
 * CSV output for files operators open in a spreadsheet. A value starting with
 * = + - @ (or a tab or carriage return) would run as a formula there, and so
 * would one with spaces before them (spreadsheets trim them), so it is
 * prefixed with a quote mark.
 */
export function guardFormula(value: string): string {
  return /^(?:[\t\r]|[\s\u00a0]*[=+\-@])/.test(value) ? `'${value}` : value;
}

/** Quotes a field when it holds the separator, a quote or a line break. */
export function quoteField(text: string, separator = ','): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvField(value: unknown, separator = ','): string {
  if (value === null || value === undefined) return '';
  return quoteField(guardFormula(String(value)), separator);
}

export function csvLine(values: unknown[], separator = ','): string {
  return `${values.map((value) => csvField(value, separator)).join(separator)}\r\n`;
}

/** Fields already written safely (read back from one of our own files), written again as they are. */
export function rawCsvLine(fields: readonly string[], separator: string): string {
  return `${fields.map((field) => quoteField(field, separator)).join(separator)}\r\n`;
}
