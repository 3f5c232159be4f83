/**
 * The longest value a contact file's cell may hold. Values become template
 * variables sent on WhatsApp; a longer one is a pasted document, not a name
 * or a note, and its row is refused (reported with its line) rather than cut.
 */
export const MAX_CELL_CHARS = 4096;
