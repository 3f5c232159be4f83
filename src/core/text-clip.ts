import { graphemeSegmenter } from './graphemes.js';

/**
 * Shortening and splitting text without breaking characters. JavaScript
 * strings are UTF-16: an emoji is two code units (a surrogate pair), a flag or
 * a family emoji several code points joined into one grapheme cluster. Cutting
 * between them leaves a lone surrogate, which chat platforms refuse ("text must
 * be encoded in UTF-8") or show as garbage. Every cut here falls on a grapheme
 * cluster boundary, found with Intl.Segmenter.
 *
 * Limits given in "units" are UTF-16 code units (string.length): what
 * Telegram counts, and never fewer than the code points Discord counts, so a
 * text within the limit here is within it on both.
 */
const ELLIPSIS = '…';

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * The largest grapheme boundary at or before `index` (a code unit offset).
 * A single cluster longer than everything before it (pathological combining
 * marks) falls back to the nearest code point boundary, so the result is only
 * 0 when `index` is.
 */
export function boundaryAtOrBefore(text: string, index: number): number {
  if (index >= text.length) return text.length;
  if (index <= 0) return 0;
  const start = graphemeSegmenter().segment(text).containing(index)?.index ?? index;
  if (start > 0) return start;
  return isHighSurrogate(text.charCodeAt(index - 1)) ? index - 1 : index;
}

/** The text's user-perceived characters. */
export function graphemes(text: string): string[] {
  return Array.from(graphemeSegmenter().segment(text), (segment) => segment.segment);
}

/** At most `maxUnits` UTF-16 code units, ending in "…" when something was cut. */
export function clipToUnits(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  return `${text.slice(0, boundaryAtOrBefore(text, maxUnits - ELLIPSIS.length))}${ELLIPSIS}`;
}

/** At most `maxCharacters` user-perceived characters (the limit is on what a reader counts), ending in "…" when cut. */
export function clipToCharacters(text: string, maxCharacters: number): string {
  // A text has no more characters than code units: most are short enough to be returned without being segmented.
  if (text.length <= maxCharacters) return text;
  let kept = 0;
  let end = 0;
  for (const { segment } of graphemeSegmenter().segment(text)) {
    if (kept === maxCharacters) return `${text.slice(0, end)}${ELLIPSIS}`;
    kept++;
    end += segment.length;
  }
  return text;
}

/**
 * Parts of at most `maxUnits` code units each, cut at a line break when one
 * falls in the second half of a part (so lines stay whole), otherwise at a
 * grapheme boundary. The line break a part ends at is dropped.
 */
export function splitToUnits(text: string, maxUnits: number): string[] {
  if (text.length <= maxUnits) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > maxUnits) {
    const newline = rest.lastIndexOf('\n', maxUnits);
    const at = newline > maxUnits / 2 ? newline : boundaryAtOrBefore(rest, maxUnits);
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest) parts.push(rest);
  return parts;
}
