import type { StoredMessage } from './state.js';

interface ButtonJson {
  type: number;
  label?: string;
  custom_id?: string;
}

/** The labels of a message's buttons, row by row flattened. */
export function buttonLabels(message: StoredMessage | undefined): string[] {
  const rows = (message?.components ?? []) as { components?: ButtonJson[] }[];
  return rows.flatMap((row) => row.components ?? []).map((button) => button.label ?? '');
}
