import { ImportError } from '../core/errors.js';
import { clipToCharacters } from '../core/text-clip.js';
import { findColumn, headerRole, isNameLike, isPhoneLike, variableNames, type HeaderRole } from './columns.js';

export interface PhoneColumn {
  index: number;
  /** The header says mobile ("Mobile Phone", "Celular", "WhatsApp"). */
  mobile: boolean;
  /** Google's paired "Phone N - Label" column, whose cell says what each number is. */
  labelIndex: number | null;
}

export interface NameColumns {
  full: number | null;
  first: number | null;
  middle: number | null;
  last: number | null;
}

/** How the columns of a table are read: decided once, from its first rows. */
export interface ColumnPlan {
  header: boolean;
  /** Header cells, or "column N" in a file without a header. */
  columnNames: string[];
  /** Preferred first: mobile columns, then in file order. */
  phoneColumns: PhoneColumn[];
  nameColumns: NameColumns;
  /** The template variable each column fills, or null for the phone columns. */
  variables: (string | null)[];
}

export interface ColumnOverrides {
  phone?: string | undefined;
  name?: string | undefined;
}

/** A column is a phone column by content when at least this share of its sampled values look like phones. */
const PHONE_CONTENT_SHARE = 0.5;

/**
 * Whether the first row names the columns: never when it holds a phone number;
 * yes when a cell is a known header word (phone, nome, ...) or the operator's
 * phone= column, or when the rows below have a phone column the first row
 * does not fill with a number.
 */
export function looksLikeHeader(first: readonly string[], rest: readonly string[][], phoneOverride?: string): boolean {
  if (first.some(isPhoneLike)) return false;
  if (!first.some((cell) => /\p{L}/u.test(cell))) return false;
  if (first.some((cell) => headerRole(cell).kind !== 'other')) return true;
  if (phoneOverride !== undefined && findColumn(first, phoneOverride) !== -1 && !/^(?:column_?)?\d+$/i.test(phoneOverride.trim())) return true;
  return first.some((_, i) => share(rest, i, isPhoneLike) >= PHONE_CONTENT_SHARE);
}

function share(rows: readonly string[][], index: number, test: (value: string) => boolean): number {
  let filled = 0;
  let passing = 0;
  for (const row of rows) {
    const value = row[index]?.trim() ?? '';
    if (value === '') continue;
    filled++;
    if (test(value)) passing++;
  }
  return filled === 0 ? 0 : passing / filled;
}

/** The leftmost column with the highest share of values passing `test`, if it reaches `minShare`. */
function columnByContent(rows: readonly string[][], width: number, test: (value: string) => boolean, minShare: number, skip: ReadonlySet<number>): number {
  let best = -1;
  let bestShare = 0;
  for (let i = 0; i < width; i++) {
    if (skip.has(i)) continue;
    const s = share(rows, i, test);
    if (s >= minShare && s > bestShare) [best, bestShare] = [i, s];
  }
  return best;
}

/** Column names or cells for a message: enough to recognise the file, not a wall of text. */
function listed(cells: readonly string[], max = 30): string {
  const shown = cells.slice(0, max).map((c) => clipToCharacters(c, 40));
  return shown.join(', ') + (cells.length > max ? `, … (${cells.length} in all)` : '');
}

function unknownColumn(wanted: string, columnNames: readonly string[]): ImportError {
  return new ImportError(`There is no column "${wanted}". Columns: ${listed(columnNames)}.`);
}

function findPhoneColumns(roles: HeaderRole[], data: readonly string[][], columnNames: string[], override: string | undefined): PhoneColumn[] {
  const labelFor = (index: number): number | null => {
    const role = roles[index];
    if (role?.kind !== 'phone') return null;
    const label = roles.findIndex((r) => r.kind === 'phone-label' && r.pairKey === role.pairKey);
    return label === -1 ? null : label;
  };
  if (override !== undefined) {
    const index = findColumn(columnNames, override);
    if (index === -1) throw unknownColumn(override, columnNames);
    const role = roles[index];
    return [{ index, mobile: role?.kind === 'phone' && role.mobile, labelIndex: labelFor(index) }];
  }
  const named: PhoneColumn[] = [];
  roles.forEach((role, index) => {
    if (role.kind === 'phone') named.push({ index, mobile: role.mobile, labelIndex: labelFor(index) });
  });
  if (named.length > 0) return [...named.filter((c) => c.mobile), ...named.filter((c) => !c.mobile)];
  const maybe = roles.flatMap((role, index) => (role.kind === 'maybe-phone' && share(data, index, isPhoneLike) >= PHONE_CONTENT_SHARE ? [index] : []));
  if (maybe.length > 0) return maybe.map((index) => ({ index, mobile: false, labelIndex: null }));
  const byContent = columnByContent(data, columnNames.length, isPhoneLike, PHONE_CONTENT_SHARE, new Set());
  return byContent === -1 ? [] : [{ index: byContent, mobile: false, labelIndex: null }];
}

function findNameColumns(roles: HeaderRole[], data: readonly string[][], columnNames: string[], header: boolean, phones: PhoneColumn[], override: string | undefined): NameColumns {
  const none: NameColumns = { full: null, first: null, middle: null, last: null };
  if (override !== undefined) {
    const index = findColumn(columnNames, override);
    if (index === -1) throw unknownColumn(override, columnNames);
    return { ...none, full: index };
  }
  const first = (kind: HeaderRole['kind']) => {
    const index = roles.findIndex((r) => r.kind === kind);
    return index === -1 ? null : index;
  };
  const named: NameColumns = { full: first('full-name'), first: first('first-name'), middle: first('middle-name'), last: first('last-name') };
  if (header || Object.values(named).some((v) => v !== null)) return named;
  // No header: the first column that reads like people's names.
  const skip = new Set(phones.map((p) => p.index));
  const byContent = columnByContent(data, columnNames.length, isNameLike, PHONE_CONTENT_SHARE, skip);
  return { ...none, full: byContent === -1 ? null : byContent };
}

/**
 * Decides, from the first rows, whether there is a header, which columns hold
 * phones (by header, else by content) and names, and the variable each other
 * column becomes. Throws an ImportError the operator can act on.
 */
export function planColumns(sample: readonly string[][], overrides: ColumnOverrides = {}): ColumnPlan {
  const first = sample[0] ?? [];
  const header = looksLikeHeader(first, sample.slice(1), overrides.phone);
  const width = Math.max(0, ...sample.map((row) => row.length));
  const columnNames = Array.from({ length: width }, (_, i) => (header ? first[i]?.trim() : undefined) || `column ${i + 1}`);
  const data = header ? sample.slice(1) : sample;
  if (header && data.length === 0) throw new ImportError(`The file has a header (${listed(columnNames)}) but no rows.`);
  const roles = header ? columnNames.map(headerRole) : columnNames.map((): HeaderRole => ({ kind: 'other' }));
  const phoneColumns = findPhoneColumns(roles, data, columnNames, overrides.phone);
  if (phoneColumns.length === 0) {
    throw new ImportError(
      header
        ? `No phone column found. Columns: ${listed(columnNames)}. Say which one holds the numbers with phone=<column>.`
        : `No column of phone numbers found, and the first row (${listed(first, 8)}) is not a header naming one. Add a header such as "phone", or say which column holds the numbers with phone=<column number>.`,
    );
  }
  const nameColumns = findNameColumns(roles, data, columnNames, header, phoneColumns, overrides.name);
  const excluded = new Set<number>(phoneColumns.flatMap((c) => (c.labelIndex === null ? [c.index] : [c.index, c.labelIndex])));
  roles.forEach((role, index) => role.kind === 'phone-label' && excluded.add(index));
  const variables = variableNames(columnNames).map((name, index) => (excluded.has(index) || name === 'name' ? null : name));
  return { header, columnNames, phoneColumns, nameColumns, variables };
}
