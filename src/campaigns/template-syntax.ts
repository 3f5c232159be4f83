import { ZapcastError } from '../core/errors.js';

/** WhatsApp refuses a text message longer than this many characters. */
export const MAX_MESSAGE_CHARS = 65_536;

export type TextPart = { text: string };
export type VariablePart = { variable: string; fallback: string | undefined };
/** `{{Hi|Hello}}`: one alternative is chosen per message; `labels` are the alternatives as written. */
export type VariationPart = { alternatives: (TextPart | VariablePart)[][]; labels: string[] };
export type TemplatePart = TextPart | VariablePart | VariationPart;

/** A template the operator wrote cannot be used: says where and what was expected, in one line. */
export class TemplateError extends ZapcastError {
  override name = 'TemplateError';
}

function where(source: string, offset: number): string {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

const PLAIN = /[\\{}|]/g;
const VARIABLE = /\{([^{}|]+)(?:\|([^{}]*))?\}/y;

/**
 * Splits a template into text, `{column|fallback}` variables and
 * `{{a|b|c}}` variations. A backslash makes the brace or bar after it plain
 * text (`\{{` is a literal `{{`). Throws TemplateError on a malformed
 * variation: unbalanced, nested, empty alternative, or only one alternative.
 */
export function scanTemplate(source: string, normalise: (name: string) => string): TemplatePart[] {
  if (source.length > MAX_MESSAGE_CHARS) {
    throw new TemplateError(`The message is ${source.length} characters long; WhatsApp takes at most ${MAX_MESSAGE_CHARS}.`);
  }
  const parts: TemplatePart[] = [];
  // The alternatives of the variation being read, or undefined outside one.
  let variation: { start: number; alternatives: (TextPart | VariablePart)[][]; labels: string[]; altStart: number } | undefined;
  let current: (TextPart | VariablePart)[] = parts as (TextPart | VariablePart)[];
  const pushText = (text: string) => {
    const last = current.at(-1);
    if (last && 'text' in last) last.text += text;
    else current.push({ text });
  };
  const closeAlternative = (end: number) => {
    const label = source.slice(variation!.altStart, end).trim();
    if (label === '') {
      throw new TemplateError(
        `The variation at ${where(source, variation!.start)} has an empty alternative at ${where(source, end)}: expected some text between the | signs.`,
      );
    }
    variation!.alternatives.push(current);
    variation!.labels.push(label);
  };
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\' && (source.startsWith('{{', i + 1) || source.startsWith('}}', i + 1))) {
      pushText(source.slice(i + 1, i + 3));
      i += 3;
    } else if (ch === '\\' && '{}|'.includes(source[i + 1] ?? '')) {
      pushText(source[i + 1]!);
      i += 2;
    } else if (source.startsWith('{{', i)) {
      if (variation) {
        throw new TemplateError(
          `The variation at ${where(source, variation.start)} holds another {{ at ${where(source, i)}: variations cannot be nested; expected }} first.`,
        );
      }
      variation = { start: i, alternatives: [], labels: [], altStart: i + 2 };
      current = [];
      i += 2;
    } else if (source.startsWith('}}', i) && variation) {
      closeAlternative(i);
      if (variation.alternatives.length < 2) {
        throw new TemplateError(
          `The variation at ${where(source, variation.start)} has one alternative: expected at least two separated by | (write \\{{ for literal braces).`,
        );
      }
      addVariation(parts, variation.alternatives, variation.labels);
      variation = undefined;
      current = parts as (TextPart | VariablePart)[];
      i += 2;
    } else if (source.startsWith('}}', i)) {
      throw new TemplateError(`The }} at ${where(source, i)} closes no {{: expected a {{ before it (write \\}} for literal braces).`);
    } else if (ch === '|' && variation) {
      closeAlternative(i);
      current = [];
      variation.altStart = i + 1;
      i += 1;
    } else {
      VARIABLE.lastIndex = i;
      const match = ch === '{' ? VARIABLE.exec(source) : null;
      if (match) {
        current.push({ variable: normalise(match[1]!), fallback: match[2] });
        i += match[0].length;
      } else {
        // Plain text runs to the next character that may mean something.
        PLAIN.lastIndex = i + 1;
        const end = PLAIN.exec(source) ? PLAIN.lastIndex - 1 : source.length;
        pushText(source.slice(i, end));
        i = end;
      }
    }
  }
  if (variation) {
    throw new TemplateError(`The {{ at ${where(source, variation.start)} is never closed: expected }} after its alternatives.`);
  }
  return parts;
}

/** Alternatives written twice are one: the count of distinct texts stays true. */
function addVariation(parts: TemplatePart[], alternatives: (TextPart | VariablePart)[][], labels: string[]): void {
  const seen = new Set<string>();
  const kept: VariationPart = { alternatives: [], labels: [] };
  labels.forEach((label, index) => {
    if (seen.has(label)) return;
    seen.add(label);
    kept.alternatives.push(alternatives[index]!);
    kept.labels.push(label);
  });
  parts.push(kept);
}
