import { normaliseVariableName } from '../campaigns/template.js';

const PHONE_HEADERS = [
  'phone', 'phone number', 'phone_number', 'mobile', 'mobile phone', 'mobile number', 'cell', 'cell phone', 'cellphone',
  'whatsapp', 'whatsapp number', 'telefone', 'celular', 'numero', 'número', 'tel', 'telefono', 'teléfono', 'movil', 'móvil',
  'phone 1 - value', 'primary phone', 'contact', 'msisdn', 'number',
];
const NAME_HEADERS = ['name', 'full name', 'nome', 'nombre', 'contact name', 'display name', 'nome completo', 'nombre completo'];

const simplify = (header: string) => normaliseVariableName(header).replace(/_/g, ' ');

function find(headers: string[], candidates: string[]): number {
  const simplified = headers.map(simplify);
  for (const candidate of candidates.map(simplify)) {
    const index = simplified.indexOf(candidate);
    if (index !== -1) return index;
  }
  return -1;
}

export function findPhoneColumn(headers: string[], override?: string): number {
  if (override) return find(headers, [override]);
  return find(headers, PHONE_HEADERS);
}

export function findNameColumn(headers: string[], override?: string): number {
  if (override) return find(headers, [override]);
  return find(headers, NAME_HEADERS);
}

/** Other columns become template variables under clean names (lower-case ascii, underscores). */
export function variableNames(headers: string[]): string[] {
  const seen = new Set<string>();
  return headers.map((header, i) => {
    let name = normaliseVariableName(header) || `column_${i + 1}`;
    while (seen.has(name)) name = `${name}_${i + 1}`;
    seen.add(name);
    return name;
  });
}
