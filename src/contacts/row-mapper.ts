import type { Candidate, PhoneEntry, RawRow } from './candidate.js';
import type { ColumnPlan } from './column-plan.js';
import { MAX_CELL_CHARS, stripControls } from './cell-limits.js';
import { labelSaysMobile } from './columns.js';

/** Several numbers in one cell: Google's " ::: ", or a slash, semicolon, comma or bar between them. */
const SEVERAL = /\s*:::\s*|\s*[;,|]\s*|\s+\/\s+/;

/** Turns table rows into candidates following a ColumnPlan, and notes which variables ever had a value. */
export class RowMapper {
  private readonly used: boolean[];

  constructor(private readonly plan: ColumnPlan) {
    this.used = plan.variables.map(() => false);
  }

  toCandidate(row: RawRow): Candidate {
    const { cells } = row;
    const plan = this.plan;
    let size = 0;
    let tooLong: string | undefined;
    for (let i = 0; i < cells.length; i++) {
      const cell = stripControls(cells[i]!);
      cells[i] = cell;
      size += cell.length;
      if (cell.length > MAX_CELL_CHARS) tooLong ??= plan.columnNames[i] ?? `column ${i + 1}`;
    }
    if (tooLong !== undefined) return { line: row.line, phones: [], phoneText: '', cells, name: null, fields: {}, missingPhoneColumn: false, size, tooLong };
    const phones: PhoneEntry[] = [];
    const written: string[] = [];
    let reached = false;
    for (const column of plan.phoneColumns) {
      if (column.index >= cells.length) continue;
      reached = true;
      const cell = cells[column.index]!;
      if (cell.trim() === '') continue;
      written.push(cell);
      const labels = column.labelIndex === null ? [] : (cells[column.labelIndex] ?? '').split(':::');
      const parts = SEVERAL.test(cell) ? cell.split(SEVERAL) : [cell];
      parts.forEach((raw, k) => {
        if (raw.trim() === '') return;
        const label = labels[k] ?? labels[0];
        phones.push({ raw, mobileHint: column.mobile || (label !== undefined && labelSaysMobile(label)) });
      });
    }
    if (phones.length > 1) phones.sort((a, b) => Number(b.mobileHint) - Number(a.mobileHint));
    const fields: Record<string, string> = {};
    const variables = plan.variables;
    // Cells past the widest sampled row have no column name; they are left out.
    const width = Math.min(cells.length, variables.length);
    for (let i = 0; i < width; i++) {
      const variable = variables[i];
      if (!variable) continue;
      const value = cells[i]!.trim();
      if (value === '') continue;
      fields[variable] = value;
      this.used[i] = true;
    }
    return { line: row.line, phones, phoneText: written.join(' / '), cells, name: this.nameOf(cells), fields, missingPhoneColumn: !reached, size };
  }

  private nameOf(cells: readonly string[]): string | null {
    const { full, first, middle, last } = this.plan.nameColumns;
    const at = (index: number | null) => (index === null ? '' : (cells[index]?.trim() ?? ''));
    const whole = at(full);
    if (whole) return whole;
    const joined = [at(first), at(middle), at(last)].filter(Boolean).join(' ');
    return joined || null;
  }

  /** Variables that had a value in at least one row, in column order. */
  variablesUsed(): string[] {
    return this.plan.variables.filter((v, i): v is string => v !== null && this.used[i] === true);
  }
}
