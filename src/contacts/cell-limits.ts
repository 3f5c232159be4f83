/**
 * The longest value a contact file's cell may hold. Values become template
 * variables sent on WhatsApp; a longer one is a pasted document, not a name
 * or a note, and its row is refused (reported with its line) rather than cut.
 */
export const MAX_CELL_CHARS = 4096;

/**
 * C0 and C1 control characters, DEL among them, but not tab and line breaks
 * (a note may span lines). They are never part of a name or a note, and on a
 * terminal some of them (ESC, the C1 CSI) start escape sequences.
 */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROLS_ALL = new RegExp(CONTROLS.source, 'g');

/** The value without control characters; the same string when it has none (the common case costs one test). */
export function stripControls(value: string): string {
  return CONTROLS.test(value) ? value.replace(CONTROLS_ALL, '') : value;
}

/** The rejected-rows reason for a value over MAX_CELL_CHARS. */
export function tooLongReason(column: string): string {
  return `value too long: "${column}" has more than ${MAX_CELL_CHARS} characters`;
}
