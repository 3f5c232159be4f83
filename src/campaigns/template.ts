/**
 * Message templates: `{name}`, any list column as `{column}`, and
 * `{column|fallback}` used when the contact has no value. `{{Hi|Hello}}` is a
 * variation: each message takes one alternative, chosen from its id (see
 * template-variants.ts). A backslash makes a brace plain text: `\{{`.
 */
import { choicesOf, countVariants, variantForMessage } from './template-variants.js';
import { MAX_MESSAGE_CHARS, scanTemplate, TemplateError, type TemplatePart, type TextPart, type VariablePart } from './template-syntax.js';

export { MAX_MESSAGE_CHARS, TemplateError, type TemplatePart } from './template-syntax.js';

export interface Template {
  source: string;
  parts: TemplatePart[];
  variables: string[];
  /** Distinct texts the variations can make; 1 without variations. */
  variantCount: number;
}

/** Column names are matched loosely: "First Name", "first_name" and "FIRST-NAME" are one variable. */
export function normaliseVariableName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function build(source: string, parts: TemplatePart[]): Template {
  const variables = new Set<string>();
  for (const part of parts) {
    if ('variable' in part) variables.add(part.variable);
    if ('alternatives' in part) for (const alt of part.alternatives) for (const p of alt) if ('variable' in p) variables.add(p.variable);
  }
  return { source, parts, variables: [...variables], variantCount: countVariants(parts) };
}

/** Parses what an operator writes; a malformed variation throws TemplateError saying where. */
export function parseTemplate(source: string): Template {
  return build(source, scanTemplate(source, normaliseVariableName));
}

const LEGACY = /\{\{|\}\}|\{([^{}|]+)(?:\|([^{}]*))?\}/g;

/**
 * A campaign stored before variations existed wrote a literal brace as `{{`
 * or `}}`; such a template, malformed under today's rules, is read the old way
 * so its queued messages still go out as the operator saw them previewed.
 */
export function parseStoredTemplate(source: string): Template {
  try {
    return parseTemplate(source);
  } catch (error) {
    if (!(error instanceof TemplateError) || source.length > MAX_MESSAGE_CHARS) throw error;
  }
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of source.matchAll(LEGACY)) {
    if (match.index > last) parts.push({ text: source.slice(last, match.index) });
    if (match[0] === '{{') parts.push({ text: '{' });
    else if (match[0] === '}}') parts.push({ text: '}' });
    else parts.push({ variable: normaliseVariableName(match[1]!), fallback: match[2] });
    last = match.index + match[0].length;
  }
  if (last < source.length) parts.push({ text: source.slice(last) });
  return build(source, parts);
}

export interface TemplateValues {
  name: string | null;
  phone?: string;
  fields: Record<string, string>;
}

/** Only the contact's own fields: `{constructor}` must not reach Object.prototype. */
function field(fields: Record<string, string>, key: string): string | undefined {
  if (!Object.hasOwn(fields, key)) return undefined;
  const value = fields[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function lookup(variable: string, values: TemplateValues): string | undefined {
  if (variable === 'name') return values.name || field(values.fields, 'name');
  if (variable === 'phone') return values.phone ?? field(values.fields, 'phone');
  if (variable === 'first_name' && !field(values.fields, 'first_name') && values.name) return values.name.split(/\s+/)[0];
  return field(values.fields, variable);
}

function renderParts(parts: (TextPart | VariablePart)[], values: TemplateValues): string {
  let out = '';
  for (const part of parts) out += 'text' in part ? part.text : (lookup(part.variable, values) ?? part.fallback ?? '');
  return out;
}

/**
 * Renders with the given variant (0 takes every first alternative); a
 * variable with no value and no fallback becomes empty and extra spaces are tidied.
 */
export function renderTemplate(template: Template, values: TemplateValues, variant = 0): string {
  const choices = choicesOf(template.parts, variant);
  let next = 0;
  let out = '';
  for (const part of template.parts) {
    if ('alternatives' in part) out += renderParts(part.alternatives[choices[next++]!]!, values);
    else out += renderParts([part], values);
  }
  return out.replace(/[ \t]+([,.!?;:])/g, '$1').replace(/[ \t]{2,}/g, ' ').trim();
}

/** The text and variant a queued message gets: the same for its every attempt. */
export function renderForMessage(template: Template, values: TemplateValues, messageId: number): { body: string; variant: number | null } {
  if (template.variantCount === 1) return { body: renderTemplate(template, values), variant: null };
  const variant = variantForMessage(template.parts, messageId);
  return { body: renderTemplate(template, values, variant), variant };
}

/** Refuses a text WhatsApp would refuse, before anything is sent. */
export function assertWithinLimit(text: string): void {
  if (text.length > MAX_MESSAGE_CHARS) {
    throw new TemplateError(`The message is ${text.length} characters long once filled in; WhatsApp takes at most ${MAX_MESSAGE_CHARS}.`);
  }
}

/** Variables without a fallback that the list's columns cannot fill: named in the preview. */
export function unknownVariables(template: Template, columns: string[]): string[] {
  const known = new Set(['name', 'first_name', 'phone', ...columns.map(normaliseVariableName)]);
  const all: VariablePart[] = [];
  for (const part of template.parts) {
    if ('variable' in part) all.push(part);
    if ('alternatives' in part) for (const alt of part.alternatives) for (const p of alt) if ('variable' in p) all.push(p);
  }
  return all
    .filter((p) => p.fallback === undefined)
    .map((p) => p.variable)
    .filter((v, i, list) => !known.has(v) && list.indexOf(v) === i);
}
