/**
 * Message templates: `{name}`, any list column as `{column}`, and
 * `{column|fallback}` used when the contact has no value. `{{` and `}}` are
 * literal braces.
 */
export type TemplatePart = { text: string } | { variable: string; fallback: string | undefined };

export interface Template {
  source: string;
  parts: TemplatePart[];
  variables: string[];
}

const VARIABLE = /\{\{|\}\}|\{([^{}|]+)(?:\|([^{}]*))?\}/g;

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

export function parseTemplate(source: string): Template {
  const parts: TemplatePart[] = [];
  const variables = new Set<string>();
  let last = 0;
  for (const match of source.matchAll(VARIABLE)) {
    const index = match.index;
    if (index > last) parts.push({ text: source.slice(last, index) });
    if (match[0] === '{{') parts.push({ text: '{' });
    else if (match[0] === '}}') parts.push({ text: '}' });
    else {
      const variable = normaliseVariableName(match[1]!);
      parts.push({ variable, fallback: match[2] });
      variables.add(variable);
    }
    last = index + match[0].length;
  }
  if (last < source.length) parts.push({ text: source.slice(last) });
  return { source, parts, variables: [...variables] };
}

export interface TemplateValues {
  name: string | null;
  phone?: string;
  fields: Record<string, string>;
}

function lookup(variable: string, values: TemplateValues): string | undefined {
  if (variable === 'name') return values.name || values.fields.name || undefined;
  if (variable === 'phone') return values.phone ?? values.fields.phone;
  if (variable === 'first_name' && !values.fields.first_name && values.name) return values.name.split(/\s+/)[0];
  const value = values.fields[variable];
  return value === undefined || value === '' ? undefined : value;
}

/** Renders; a variable with no value and no fallback becomes empty and extra spaces are tidied. */
export function renderTemplate(template: Template, values: TemplateValues): string {
  let out = '';
  for (const part of template.parts) {
    if ('text' in part) out += part.text;
    else out += lookup(part.variable, values) ?? part.fallback ?? '';
  }
  return out.replace(/[ \t]+([,.!?;:])/g, '$1').replace(/[ \t]{2,}/g, ' ').trim();
}

/** Variables without a fallback that the list's columns cannot fill: named in the preview. */
export function unknownVariables(template: Template, columns: string[]): string[] {
  const known = new Set(['name', 'first_name', 'phone', ...columns.map(normaliseVariableName)]);
  return template.parts
    .filter((p): p is { variable: string; fallback: string | undefined } => 'variable' in p && p.fallback === undefined)
    .map((p) => p.variable)
    .filter((v, i, all) => !known.has(v) && all.indexOf(v) === i);
}
