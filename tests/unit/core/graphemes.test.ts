import { describe, expect, it } from 'vitest';
import { clipGraphemes, splitGraphemes } from '../../../src/core/graphemes.js';

const wellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('text shortened on whole characters', () => {
  it('never cuts an emoji in half when clipping', () => {
    const text = `${'a'.repeat(38)}😀😀😀`;
    const clipped = clipGraphemes(text, 40);
    expect(wellFormed(clipped)).toBe(true);
    expect(clipped).toBe(`${'a'.repeat(38)}…`);
    expect(clipped.length).toBeLessThanOrEqual(40);
  });

  it('keeps a family emoji or an accented letter whole', () => {
    const family = '👨‍👩‍👧‍👦';
    const clipped = clipGraphemes(`ab${family}${family}`, family.length + 3);
    expect(clipped).toBe(`ab${family}…`);
    expect(clipGraphemes('Conceição', 20)).toBe('Conceição');
  });

  it('splits long text into parts within the limit, at line breaks when it can, never inside a character', () => {
    const text = Array.from({ length: 300 }, (_, i) => `line ${i} 🎉`).join('\n');
    const parts = splitGraphemes(text, 100);
    expect(parts.every((p) => p.length <= 100 && wellFormed(p))).toBe(true);
    expect(parts.join('\n')).toBe(text);
  });

  it('splits a text with no line breaks on whole characters', () => {
    const text = '😀'.repeat(150);
    const parts = splitGraphemes(text, 101);
    expect(parts.every((p) => p.length <= 101 && wellFormed(p))).toBe(true);
    expect(parts.join('')).toBe(text);
  });
});
