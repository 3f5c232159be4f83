export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

const SAMPLE_RECORDS = 50;

/**
 * Counts each candidate delimiter outside quotes, record by record (a quoted
 * value may hold delimiters and newlines). `whole` says the text is the entire
 * file; otherwise its last, possibly cut, record is left out.
 */
export function delimiterCounts(text: string, whole: boolean): Record<Delimiter, number>[] {
  const records: Record<Delimiter, number>[] = [];
  let counts = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let quoted = false;
  let empty = true;
  for (let i = 0; i < text.length && records.length < SAMPLE_RECORDS; i++) {
    const char = text[i]!;
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      if (!empty) records.push(counts);
      counts = { ',': 0, ';': 0, '\t': 0, '|': 0 };
      empty = true;
      continue;
    } else if (!quoted && char in counts) counts[char as Delimiter]++;
    if (char.trim() !== '') empty = false;
  }
  if (whole && !empty && records.length < SAMPLE_RECORDS) records.push(counts);
  return records;
}

/**
 * The delimiter that splits the sample's records most consistently into the
 * most columns. A file with a single column (just phones) gets a comma.
 */
export function sniffDelimiter(text: string, whole: boolean): Delimiter {
  const records = delimiterCounts(text, whole);
  let best: { delimiter: Delimiter; consistency: number; columns: number } = { delimiter: ',', consistency: 0, columns: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = records.map((r) => r[delimiter]);
    const frequency = new Map<number, number>();
    for (const n of counts) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    let mode = 0;
    let modeCount = 0;
    for (const [n, times] of frequency) if (n > 0 && (times > modeCount || (times === modeCount && n > mode))) [mode, modeCount] = [n, times];
    if (mode === 0) continue;
    const consistency = modeCount / counts.length;
    if (consistency > best.consistency || (consistency === best.consistency && mode > best.columns)) best = { delimiter, consistency, columns: mode };
  }
  return best.delimiter;
}

/** Excel's "sep=;" first line: it names the delimiter and is not a row. */
export function separatorLine(text: string): Delimiter | undefined {
  const match = /^\uFEFF?sep=(.)\r?(?:\n|$)/i.exec(text);
  const delimiter = match?.[1];
  return DELIMITERS.find((d) => d === delimiter);
}
