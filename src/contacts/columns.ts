import { normaliseVariableName } from '../campaigns/template.js';

/** What a column is for, judged by its header in English, Portuguese or Spanish. */
export type HeaderRole =
  | { kind: 'phone'; mobile: boolean; pairKey: string }
  /** Google's "Phone 1 - Label" / "Phone 1 - Type": says what the paired value column holds. */
  | { kind: 'phone-label'; pairKey: string }
  /** "Number", "Contato": a phone column only if its content says so. */
  | { kind: 'maybe-phone' }
  | { kind: 'not-a-phone' }
  | { kind: 'full-name' | 'first-name' | 'middle-name' | 'last-name' }
  | { kind: 'other' };

const MOBILE_WORDS = new Set(['mobile', 'mobil', 'cell', 'cellphone', 'cellular', 'celular', 'celulares', 'cel', 'movil', 'moviles', 'whatsapp', 'whats', 'wpp', 'zap', 'wa', 'handy']);
const PHONE_WORDS = new Set(['phone', 'phones', 'telephone', 'tel', 'tele', 'telefone', 'telefones', 'fone', 'telefono', 'telefonos', 'msisdn']);
const MAYBE_PHONE_WORDS = new Set(['number', 'numero', 'num', 'nro', 'contact', 'contato', 'contacto']);
/** Phone-ish columns WhatsApp cannot use, or that belong to someone else. */
const NOT_A_PHONE_WORDS = new Set(['fax', 'pager', 'telex', 'isdn', 'callback', 'radio', 'tty', 'tdd', 'car', 'assistant', 'assistants', 'yomi', 'email', 'mail', 'ramal', 'ext', 'extension']);
const LABEL_WORDS = new Set(['type', 'label', 'tipo', 'etiqueta', 'rotulo']);
const PAIR_NOISE = new Set([...LABEL_WORDS, 'value', 'valor']);

const FULL_NAME = new Set(['name', 'full_name', 'fullname', 'display_name', 'contact_name', 'nome', 'nome_completo', 'nome_do_contato', 'nombre', 'nombre_completo', 'nombre_y_apellidos', 'nombre_y_apellido']);
const FIRST_NAME = new Set(['first_name', 'firstname', 'first', 'given_name', 'primeiro_nome', 'nombres', 'nombre_de_pila']);
const MIDDLE_NAME = new Set(['middle_name', 'additional_name', 'segundo_nome', 'second_name']);
const LAST_NAME = new Set(['last_name', 'lastname', 'last', 'family_name', 'surname', 'sobrenome', 'ultimo_nome', 'apellido', 'apellidos']);

export function headerRole(header: string): HeaderRole {
  const clean = normaliseVariableName(header);
  if (FULL_NAME.has(clean)) return { kind: 'full-name' };
  if (FIRST_NAME.has(clean)) return { kind: 'first-name' };
  if (MIDDLE_NAME.has(clean)) return { kind: 'middle-name' };
  if (LAST_NAME.has(clean)) return { kind: 'last-name' };
  const words = clean.split('_');
  const mobile = words.some((w) => MOBILE_WORDS.has(w));
  const phone = mobile || words.some((w) => PHONE_WORDS.has(w));
  if (phone && words.some((w) => NOT_A_PHONE_WORDS.has(w))) return { kind: 'not-a-phone' };
  const pairKey = words.filter((w) => !PAIR_NOISE.has(w)).join('_');
  if (phone && words.some((w) => LABEL_WORDS.has(w))) return { kind: 'phone-label', pairKey };
  if (phone) return { kind: 'phone', mobile, pairKey };
  if (words.some((w) => MAYBE_PHONE_WORDS.has(w))) return { kind: 'maybe-phone' };
  return { kind: 'other' };
}

/** A label cell such as "Mobile", "* Mobile", "Celular", "cell". */
export function labelSaysMobile(label: string): boolean {
  return normaliseVariableName(label)
    .split('_')
    .some((w) => MOBILE_WORDS.has(w));
}

/** 7 to 17 digits and nothing but phone punctuation: a phone number, as content. */
export function isPhoneLike(value: string): boolean {
  const trimmed = value.trim();
  if (!/^\+?[\d\s().\-/]+$/.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 17;
}

/** Letters, maybe spaces and a few marks, no digits or @: a person's name, as content. */
export function isNameLike(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= 80 && /^[\p{L}][\p{L}\p{M}\s.'’-]*$/u.test(trimmed);
}

/** Other columns become template variables under clean names (lower-case ascii, underscores). */
export function variableNames(headers: readonly string[]): string[] {
  const seen = new Set<string>();
  return headers.map((header, i) => {
    let name = normaliseVariableName(header) || `column_${i + 1}`;
    if (seen.has(name)) name = `${name}_${i + 1}`;
    while (seen.has(name)) name = `${name}_`;
    seen.add(name);
    return name;
  });
}

/**
 * The column an operator named: by its header (any case, accents and
 * spacing: "Mobile Phone", mobile_phone), or by its position (3, column_3).
 */
export function findColumn(columnNames: readonly string[], wanted: string): number {
  const clean = normaliseVariableName(wanted);
  const byName = columnNames.findIndex((name) => normaliseVariableName(name) === clean);
  if (byName !== -1) return byName;
  const position = /^(?:column_?)?(\d+)$/.exec(clean);
  if (position) {
    const index = Number(position[1]) - 1;
    if (index >= 0 && index < columnNames.length) return index;
  }
  return -1;
}
