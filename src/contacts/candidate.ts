/** One phone as written in the file, and whether the file calls it a mobile (a "Mobile" column, TYPE=CELL). */
export interface PhoneEntry {
  raw: string;
  mobileHint: boolean;
}

/**
 * A contact as read from any format, before its phones are normalised: the
 * common shape CSV rows, spreadsheet rows and vCards are turned into.
 */
export interface Candidate {
  /** Where the row or card starts in the file (1-based), for the rejected-rows file. */
  line: number;
  /** Preferred first: numbers the file marks as mobile, then in column order. */
  phones: PhoneEntry[];
  /** The phone cells as written, joined. */
  phoneText: string;
  /** The whole row as read (a card: its name, phones and fields), for the rejected-rows file. */
  cells: string[];
  name: string | null;
  fields: Record<string, string>;
  /** The row is too short to reach any phone column. */
  missingPhoneColumn: boolean;
  /** Characters in the row, to keep batches of huge rows small. */
  size: number;
  /** The column (or vCard property) holding a value over MAX_CELL_CHARS: the row is refused, with no phones read. */
  tooLong?: string | undefined;
}

/** A table row as read: its line (or sheet row) number and raw cells. */
export interface RawRow {
  line: number;
  cells: string[];
}

/** The most columns a contact file may have; a row past it is refused, not truncated. */
export const MAX_COLUMNS = 1000;
