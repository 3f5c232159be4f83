import type { CountryCode } from 'libphonenumber-js';

/** What one import is asked to do; plain data, so it can cross to an import thread. */
export interface ImportRun {
  path: string;
  /** The name the operator gave the file (an upload's name); the list is named after it. */
  fileName?: string | undefined;
  country?: CountryCode | undefined;
  phoneColumn?: string | undefined;
  nameColumn?: string | undefined;
  /** Every valid number of a row becomes a contact, not just its mobile. */
  allPhones?: boolean | undefined;
  createdBy?: string | undefined;
  exportsDir: string;
  /** The separator of the rejected-rows file (EXPORT_CSV_SEPARATOR). */
  exportSeparator?: string | undefined;
  now: number;
  maxBytes: number;
  maxRows: number;
}

export interface ImportOptions extends ImportRun {
  /**
   * Run the import on worker threads (reading, phone normalisation, writing)
   * when the compiled workers are there; by default for files of 2 MB and more
   * on a machine with more than one core. The app's own thread then stays free.
   */
  workers?: boolean;
  /** Rows read so far, every 10,000 rows. */
  onProgress?: (rows: number) => void;
  /** Aborted when zapcast stops: the import stops and leaves nothing (see RunningImports). */
  signal?: AbortSignal | undefined;
  /** Bytes free at a path; the file system's own answer unless told otherwise. */
  freeBytes?: (path: string) => number;
}
