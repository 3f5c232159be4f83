import { expandsTooFar } from './xlsx-budget.js';
import { parseSax } from './xlsx-parts.js';

/** What one string costs to hold beyond its characters (header, array slot). */
const STRING_OVERHEAD = 24;
const WIDE = /[^\u0000-\u00ff]/;

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
 * only make the cell too long), and all of them within `maxTextBytes`.
 */
export async function readSharedStrings(xml: AsyncIterable<Buffer>, maxCellChars: number, maxTextBytes: number): Promise<string[]> {
  const strings: string[] = [];
  const text = new CappedText(maxCellChars);
  let held = 0;
  let inText = false;
  let inPhonetic = false;
  for await (const events of parseSax(xml)) {
    for (const event of events) {
      if (event.eventType === 'text') {
        if (inText && !inPhonetic) text.add(event.value);
        continue;
      }
      const { name } = event.value;
      const open = event.eventType === 'opentag';
      if (name === 't') inText = open;
      else if (name === 'rPh') inPhonetic = open;
      else if (name === 'si' && !open) {
        const value = text.take();
        held += STRING_OVERHEAD + (WIDE.test(value) ? 2 : 1) * value.length;
        if (held > maxTextBytes) throw expandsTooFar(maxTextBytes);
        strings.push(value);
      }
    }
  }
  return strings;
}
