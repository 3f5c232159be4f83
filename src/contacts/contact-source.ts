import { ImportError } from '../core/errors.js';
import type { Candidate, RawRow } from './candidate.js';
import { planColumns, type ColumnOverrides, type ColumnPlan } from './column-plan.js';
import { separatorLine, sniffDelimiter, type Delimiter } from './csv-dialect.js';
import { readCsvRows } from './csv-reader.js';
import { RowMapper } from './row-mapper.js';
import type { Sniffed } from './sniff.js';
import type { TextEncoding } from './text-encoding.js';
import { readVcards, VCARD_COLUMNS, VCARD_VARIABLES } from './vcard-reader.js';

export type SourceFormat = 'CSV' | 'Excel workbook' | 'vCard';

/** How a file was read; the import report repeats it to the operator. */
export interface SourceDescription {
  format: SourceFormat;
  encoding: TextEncoding | null;
  delimiter: Delimiter | null;
  /** Tables only: whether the first row named the columns. */
  header: boolean | null;
  phoneColumns: string[];
  nameColumns: string[];
}

/** A file opened for import: its columns as the rejected-rows file names them. */
export interface SourceColumns {
  columns: string[];
}

/** A file opened for import: how it was read, and its contacts as a stream. */
export interface ContactSource extends SourceDescription, SourceColumns {
  /** In batches, in file order. */
  candidates: AsyncIterable<Candidate[]>;
  /** Variables that had a value in at least one contact read so far. */
  variables(): string[];
}

/** Rows read before deciding the header and the columns. */
const PLAN_SAMPLE_ROWS = 50;

function nameColumnsOf(plan: ColumnPlan): string[] {
  const { full, first, middle, last } = plan.nameColumns;
  return [full, first, middle, last].flatMap((i) => (i === null ? [] : [plan.columnNames[i]!]));
}

async function* mapped(first: RawRow[], rest: AsyncIterator<RawRow[]>, mapper: RowMapper): AsyncGenerator<Candidate[]> {
  try {
    if (first.length > 0) yield first.map((row) => mapper.toCandidate(row));
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value.map((row) => mapper.toCandidate(row));
  } finally {
    await rest.return?.(undefined);
  }
}

async function openTable(format: SourceFormat, rows: AsyncGenerator<RawRow[]>, encoding: TextEncoding | null, delimiter: Delimiter | null, overrides: ColumnOverrides): Promise<ContactSource> {
  const sample: RawRow[] = [];
  try {
    while (sample.length < PLAN_SAMPLE_ROWS) {
      const next = await rows.next();
      if (next.done) break;
      sample.push(...next.value);
    }
    if (sample.length === 0) throw new ImportError('The file is empty: it has no rows.');
    const plan = planColumns(
      sample.slice(0, PLAN_SAMPLE_ROWS).map((r) => r.cells),
      overrides,
    );
    const mapper = new RowMapper(plan);
    return {
      format,
      encoding,
      delimiter,
      header: plan.header,
      phoneColumns: plan.phoneColumns.map((c) => plan.columnNames[c.index]!),
      nameColumns: nameColumnsOf(plan),
      columns: plan.columnNames,
      candidates: mapped(plan.header ? sample.slice(1) : sample, rows, mapper),
      variables: () => mapper.variablesUsed(),
    };
  } catch (error) {
    await rows.return(undefined);
    throw error;
  }
}

function openVcard(encoding: TextEncoding, path: string, overrides: ColumnOverrides): ContactSource {
  if (overrides.phone !== undefined || overrides.name !== undefined) {
    throw new ImportError('phone= and name= choose columns of a sheet; a vCard file has none (its numbers are its TEL entries).');
  }
  const used = new Set<string>();
  async function* cards(): AsyncGenerator<Candidate[]> {
    for await (const batch of readVcards(path, encoding)) {
      for (const card of batch) for (const key of Object.keys(card.fields)) used.add(key);
      yield batch;
    }
  }
  return {
    format: 'vCard',
    encoding,
    delimiter: null,
    header: null,
    phoneColumns: ['TEL'],
    nameColumns: ['FN', 'N'],
    columns: VCARD_COLUMNS,
    candidates: cards(),
    variables: () => VCARD_VARIABLES.filter((v) => used.has(v)),
  };
}

/** Opens a sniffed file; for a table, reads its first rows to plan the columns (throws when no phone column is found). */
export async function openContactSource(path: string, sniffed: Sniffed, overrides: ColumnOverrides, maxRows: number): Promise<ContactSource> {
  if (sniffed.kind === 'xlsx') {
    // The workbook reader (exceljs's ZIP and XML layers) is big; it is loaded only when a workbook arrives.
    const { readXlsxRows } = await import('./xlsx-reader.js');
    return openTable('Excel workbook', readXlsxRows(path, maxRows), null, null, overrides);
  }
  const encoding = sniffed.encoding ?? 'utf-8';
  if (sniffed.kind === 'vcard') return openVcard(encoding, path, overrides);
  const declared = separatorLine(sniffed.sample);
  const delimiter = declared ?? sniffDelimiter(sniffed.sample, sniffed.sampleIsWhole);
  return openTable('CSV', readCsvRows(path, delimiter, encoding, declared ? 2 : 1), encoding, delimiter, overrides);
}
