import iconv from 'iconv-lite';

/** One property of a card after unfolding: item1.TEL;TYPE=CELL:+55 11 98765-4321. */
export interface VcardProperty {
  name: string;
  /** TYPE values and vCard 2.1 bare parameters (CELL, HOME, ...), upper-case. */
  types: string[];
  params: Map<string, string>;
  value: string;
}

export interface LogicalLine {
  text: string;
  /** The physical line it starts on (1-based). */
  line: number;
}

const isQuotedPrintable = (text: string) => /QUOTED-PRINTABLE/i.test(text.slice(0, Math.max(0, text.indexOf(':'))));

/**
 * Joins physical lines into logical ones: a line starting with a space or tab
 * continues the previous one (RFC 6350 folding), and a quoted-printable value
 * ending in "=" continues on the next line (vCard 2.1 soft line breaks).
 */
export class LineUnfolder {
  private current: (LogicalLine & { qp: boolean }) | undefined;

  push(physical: string, line: number): LogicalLine | undefined {
    const current = this.current;
    if (current) {
      const softBreak = current.qp && current.text.endsWith('=');
      if (physical.startsWith(' ') || physical.startsWith('\t')) {
        current.text = softBreak ? current.text.slice(0, -1) + physical.trimStart() : current.text + physical.slice(1);
        return undefined;
      }
      if (softBreak) {
        current.text = current.text.slice(0, -1) + physical;
        return undefined;
      }
    }
    this.current = { text: physical, line, qp: isQuotedPrintable(physical) };
    return current && { text: current.text, line: current.line };
  }

  end(): LogicalLine | undefined {
    const current = this.current;
    this.current = undefined;
    return current && { text: current.text, line: current.line };
  }
}

/** Splits at `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text[i] === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

export function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    const hex = char === '=' ? value.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      for (const byte of Buffer.from(char, 'utf8')) bytes.push(byte);
    }
  }
  return iconv.decode(Buffer.from(bytes), iconv.encodingExists(charset) ? charset : 'utf8');
}

/** "\n", "\,", "\;" and "\\" in text values. */
export function unescapeText(value: string): string {
  return value.replace(/\\([nN,;\\:])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits a structured value (N: family;given;additional;prefix;suffix) at unescaped semicolons. */
export function splitStructured(value: string): string[] {
  return value.split(/(?<!\\);/).map(unescapeText);
}

export function parseProperty(text: string): VcardProperty | undefined {
  const colon = splitOutsideQuotes(text, ':');
  if (colon.length < 2) return undefined;
  const head = colon[0]!;
  const rawValue = text.slice(head.length + 1);
  const [nameWithGroup, ...paramTexts] = splitOutsideQuotes(head, ';');
  const name = nameWithGroup!.slice(nameWithGroup!.lastIndexOf('.') + 1).trim().toUpperCase();
  if (!name) return undefined;
  const params = new Map<string, string>();
  const types: string[] = [];
  for (const param of paramTexts) {
    const eq = param.indexOf('=');
    const key = (eq === -1 ? param : param.slice(0, eq)).trim().toUpperCase();
    const val = eq === -1 ? '' : param.slice(eq + 1).replace(/^"|"$/g, '');
    if (eq === -1) {
      if (key === 'QUOTED-PRINTABLE' || key === 'BASE64') params.set('ENCODING', key);
      else types.push(key);
    } else if (key === 'TYPE') types.push(...val.split(',').map((t) => t.trim().toUpperCase()));
    else params.set(key, val);
  }
  const encoding = params.get('ENCODING')?.toUpperCase();
  const value = encoding === 'QUOTED-PRINTABLE' ? decodeQuotedPrintable(rawValue, params.get('CHARSET') ?? 'utf8') : rawValue;
  return { name, types, params, value };
}
