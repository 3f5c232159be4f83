import { expandsTooFar } from './xlsx-budget.js';
import { parseSax } from './xlsx-parts.js';

/** What one string costs to hold beyond its characters (header, array slot). */
const STRING_OVERHEAD = 24;
const WIDE = /[^\u0000-\u00ff]/;
/** V8 copies slices shorter than this; longer ones point into the string they were cut from. */
const SLICE_MIN = 13;

/**
 * A copy of `text` that holds only its own characters. The XML parser's text
 * is cut from the chunks it read (and a clipped value from its whole text), so
 * a short string kept for the whole import could hold a megabyte alive.
 */
function ownCopy(text: string): string {
  return text.length < SLICE_MIN ? text : (` ${text}`).slice(1);
}

/**
 * Text in a cell (or shared string) kept while reading: up to `maxChars` and
 * one more, so a value over the limit is still seen to be over it without
 * holding all of it.
 */
export class CappedText {
  private parts: string[] = [];
  private length = 0;

  constructor(private readonly maxChars: number) {}

  add(text: string): void {
    if (this.length > this.maxChars) return;
    const room = this.maxChars + 1 - this.length;
    const kept = text.length > room ? text.slice(0, room) : text;
    this.parts.push(kept);
    this.length += kept.length;
  }

  take(): string {
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.length = 0;
    return text;
  }
}

/**
 * Reads xl/sharedStrings.xml: each string's plain text (rich-text runs joined,
 * phonetic guides left out), each kept up to `maxCellChars` + 1 (the rest could
 * only make the cell too long). All the text read, kept or not, counts against
 * `maxTextBytes`: shared strings that run to more are not a contact sheet.
 */
export async function readSharedStrings(xml: AsyncIterable<Buffer>, maxCellChars: number, maxTextBytes: number): Promise<string[]> {
  const strings: string[] = [];
  const text = new CappedText(maxCellChars);
  let read = 0;
  let inText = false;
  let inPhonetic = false;
  for await (const events of parseSax(xml)) {
    for (const event of events) {
      if (event.eventType === 'text') {
        if (inText && !inPhonetic) {
          text.add(event.value);
          read += (WIDE.test(event.value) ? 2 : 1) * event.value.length;
          if (read > maxTextBytes) throw expandsTooFar(maxTextBytes);
        }
        continue;
      }
      const { name } = event.value;
      const open = event.eventType === 'opentag';
      if (name === 't') inText = open;
      else if (name === 'rPh') inPhonetic = open;
      else if (name === 'si' && !open) {
        read += STRING_OVERHEAD;
        if (read > maxTextBytes) throw expandsTooFar(maxTextBytes);
        strings.push(ownCopy(text.take()));
      }
    }
  }
  return strings;
}
