import type { TemplatePart, VariationPart } from './template-syntax.js';
import { mix32 } from '../core/mix32.js';

/**
 * A template's variants are numbered in mixed radix over its variations: the
 * first variation's choice is the lowest digit. Variant 0 takes every first
 * alternative.
 */
export function variationsOf(parts: TemplatePart[]): VariationPart[] {
  return parts.filter((p): p is VariationPart => 'alternatives' in p);
}

/** How many distinct texts the variations can make (for the same contact). */
export function countVariants(parts: TemplatePart[]): number {
  return variationsOf(parts).reduce((count, v) => count * v.alternatives.length, 1);
}

/** The alternative each variation takes in a variant. */
export function choicesOf(parts: TemplatePart[], variant: number): number[] {
  let rest = variant;
  return variationsOf(parts).map((v) => {
    const choice = rest % v.alternatives.length;
    rest = Math.floor(rest / v.alternatives.length);
    return choice;
  });
}

export function variantOfChoices(parts: TemplatePart[], choices: number[]): number {
  let variant = 0;
  let radix = 1;
  variationsOf(parts).forEach((v, i) => {
    variant += (choices[i]! % v.alternatives.length) * radix;
    radix *= v.alternatives.length;
  });
  return variant;
}

/** How a variant reads in figures: its alternatives as written, joined by " / ". */
export function variantLabel(parts: TemplatePart[], variant: number): string {
  const variations = variationsOf(parts);
  return choicesOf(parts, variant)
    .map((choice, i) => variations[i]!.labels[choice]!)
    .join(' / ');
}

/**
 * The variant a message gets, from its id alone: a resend after a crash
 * renders the same words. Each variation draws its own hash, so the choices of
 * two variations are independent of each other.
 */
export function variantForMessage(parts: TemplatePart[], messageId: number): number {
  const high = Math.floor(messageId / 0x1_0000_0000);
  const choices = variationsOf(parts).map((v, i) => mix32(mix32(messageId ^ high) + Math.imul(i + 1, 0x9e3779b9)) % v.alternatives.length);
  return variantOfChoices(parts, choices);
}
