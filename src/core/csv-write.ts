/**
 * CSV output for files operators open in a spreadsheet. A value starting with
 * = + - @ (or a tab or carriage return) would run as a formula there, so it is
 * prefixed with a quote mark.
 */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const guarded = guardFormula(String(value));
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
