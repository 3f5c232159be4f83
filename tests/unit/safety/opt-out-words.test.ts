import { describe, expect, it } from 'vitest';
import { DEFAULT_OPT_OUT_WORDS, isOptOut } from '../../../src/safety/opt-out-words.js';

describe('opt-out words', () => {
  it('recognises each word in any case, with accents and punctuation', () => {
    for (const text of ['STOP', 'stop', 'Sair', 'parar!', 'Cancelar.', 'baja', 'Unsubscribe', ' stop please ', 'PARÁR']) {
      expect(isOptOut(text, DEFAULT_OPT_OUT_WORDS), text).toBe(true);
    }
  });

  it('does not take a long message that mentions a word as an opt-out', () => {
    expect(isOptOut('please do not stop sending me these offers, I love them', DEFAULT_OPT_OUT_WORDS)).toBe(false);
    expect(isOptOut('thanks!', DEFAULT_OPT_OUT_WORDS)).toBe(false);
    expect(isOptOut('', DEFAULT_OPT_OUT_WORDS)).toBe(false);
  });

  it('honours configured words', () => {
    expect(isOptOut('remover', ['REMOVER'])).toBe(true);
    expect(isOptOut('stop', ['REMOVER'])).toBe(false);
  });
});
