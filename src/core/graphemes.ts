let segmenter: Intl.Segmenter | undefined;

/** One grapheme segmenter, made on first use: making it loads ICU break rules, a noticeable part of start-up. */
export function graphemeSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter;
}

/**
 * Shortens text to at most `limit` UTF-16 units without cutting a character
 * (an emoji, a letter with its accents): chat platforms refuse text with half
 * a surrogate pair. Adds an ellipsis when it shortened.
 */
export function clipGraphemes(text: string, limit: number, ellipsis = '…'): string {
  if (text.length <= limit) return text;
  let kept = '';
  const room = limit - ellipsis.length;
  for (const { segment } of graphemeSegmenter().segment(text)) {
    if (kept.length + segment.length > room) break;
    kept += segment;
  }
  return kept + ellipsis;
}

/**
 * Splits text into parts of at most `limit` UTF-16 units, preferring line
 * breaks in the second half of a part, never inside a character.
 */
export function splitGraphemes(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let part = '';
  let lastBreak = -1;
  for (const { segment } of graphemeSegmenter().segment(text)) {
    if (part.length + segment.length > limit) {
      const cut = lastBreak > limit / 2 ? lastBreak : part.length;
      parts.push(part.slice(0, cut));
      part = part.slice(cut).replace(/^\n/, '');
      lastBreak = -1;
    }
    if (segment === '\n' || segment === '\r\n') lastBreak = part.length;
    part += segment;
  }
  if (part) parts.push(part);
  return parts;
}
