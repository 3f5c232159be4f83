import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Contact {
  name: string;
  phone: string;
}

/** `count` valid Brazilian mobiles (+55 11 91000-0000 on), named "Person <i>". */
export function contacts(count: number): Contact[] {
  return Array.from({ length: count }, (_, i) => ({ name: `Person ${i}`, phone: `+55119${String(10000000 + i)}` }));
}

/** Writes a name,phone CSV into `dir`, with any extra raw rows after the contacts; returns its file name. */
export function writeContactsCsv(dir: string, rows: readonly Contact[], extraRows: readonly string[] = [], fileName = 'contacts.csv'): string {
  const lines = ['name,phone', ...rows.map((c) => `${c.name},${c.phone}`), ...extraRows];
  writeFileSync(join(dir, fileName), `${lines.join('\n')}\n`);
  return fileName;
}
