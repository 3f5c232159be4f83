export const DEFAULT_OPT_OUT_WORDS = ['STOP', 'SAIR', 'PARAR', 'CANCELAR', 'BAJA', 'UNSUBSCRIBE'];

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');

/**
 * A reply is an opt-out when, ignoring case, accents and punctuation, it is one
 * of the words, alone or with a few words around it ("stop please", "Sair!").
 * Long messages that merely mention a word are not opt-outs.
 */
export function isOptOut(text: string, words: readonly string[]): boolean {
  const folded = fold(text);
  if (folded === '') return false;
  const tokens = folded.split(' ');
  if (tokens.length > 4) return false;
  const wanted = new Set(words.map(fold));
  return tokens.some((token) => wanted.has(token)) || wanted.has(folded);
}
