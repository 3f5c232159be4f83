import { describe, expect, it } from 'vitest';
import { boundaryAtOrBefore, clipToCharacters, clipToUnits, graphemes, splitToUnits } from '../../../src/core/text-clip.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FAMILY = '👨‍👩‍👧';

describe('cutting text on whole characters', () => {
  it('finds the grapheme boundary at or before a code unit offset', () => {
    const text = `ab😀c${FAMILY}d`;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => boundaryAtOrBefore(text, i))).toEqual([0, 1, 2, 2, 4, 5, 5, 5, 5]);
    expect(boundaryAtOrBefore(text, 100)).toBe(text.length);
  });

  it('clips to a number of code units, never inside a surrogate pair or a joined emoji', () => {
    expect(clipToUnits('short', 10)).toBe('short');
    for (let limit = 2; limit < 20; limit++) {
      const clipped = clipToUnits(`${'😀'.repeat(5)}${FAMILY}${'🇧🇷'.repeat(3)}`, limit);
      expect(clipped.length).toBeLessThanOrEqual(limit);
      expect(clipped).not.toMatch(LONE_SURROGATE);
      expect(clipped.endsWith('…')).toBe(true);
    }
  });

  it('clips to a number of characters as a reader counts them', () => {
    expect(clipToCharacters(`${'a'.repeat(39)}😀 and more`, 40)).toBe(`${'a'.repeat(39)}😀…`);
    expect(clipToCharacters(`${FAMILY}${FAMILY}`, 1)).toBe(`${FAMILY}…`);
    expect(clipToCharacters('exactly', 7)).toBe('exactly');
    // Longer in code units than the limit, within it in characters: whole.
    expect(clipToCharacters('😀😀😀', 3)).toBe('😀😀😀');
    expect(clipToCharacters(`${FAMILY}x`, 2)).toBe(`${FAMILY}x`);
    expect(graphemes(`e\u0301${FAMILY}`)).toEqual(['e\u0301', FAMILY]);
  });

  it('splits long text into parts within the limit, preferring line ends, losing nothing', () => {
    for (const prefix of ['', 'x']) {
      const text = `${prefix}${'😀'.repeat(3000)}`;
      const parts = splitToUnits(text, 4096);
      expect(parts.length).toBe(2);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(4096);
        expect(part).not.toMatch(LONE_SURROGATE);
      }
      expect(parts.join('')).toBe(text);
    }
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n');
    expect(splitToUnits(lines, 4096).join('\n')).toBe(lines);
  });

  it('falls back to code points inside a cluster longer than the limit', () => {
    const zalgo = `e${'\u0301'.repeat(50)}`;
    const parts = splitToUnits(zalgo, 10);
    expect(parts.every((p) => p.length <= 10 && p.length > 0)).toBe(true);
    expect(parts.join('')).toBe(zalgo);
  });
});
