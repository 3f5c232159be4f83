import iconv from 'iconv-lite';
import { ImportError } from '../core/errors.js';

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

/** One logical line longer than this is not a contact property: the file is something else, or hostile (as for a CSV record). */
export const MAX_LOGICAL_LINE_CHARS = 1_000_000;

function lineTooLong(line: number): ImportError {
  return new ImportError(`Line ${line} of the vCard runs on for more than ${MAX_LOGICAL_LINE_CHARS} characters; this does not look like a contact file.`);
}

/** A logical line being built: its pieces, joined once at the end, so unfolding stays linear however many pieces there are. */
interface OpenLine {
  parts: string[];
  chars: number;
  line: number;
  qp: boolean;
  /** The last piece ends with a quoted-printable soft line break ("="), already cut off. */
  softBreak: boolean;
}

/**
 * Joins physical lines into logical ones: a line starting with a space or tab
 * continues the previous one (RFC 6350 folding), and a quoted-printable value
 * ending in "=" continues on the next line (vCard 2.1 soft line breaks).
 */
export class LineUnfolder {
  private current: OpenLine | undefined;

  push(physical: string, line: number): LogicalLine | undefined {
    const current = this.current;
    if (current) {
      if (physical.startsWith(' ') || physical.startsWith('\t')) {
        this.append(current, current.softBreak ? physical.trimStart() : physical.slice(1));
        return undefined;
      }
      if (current.softBreak) {
        this.append(current, physical);
        return undefined;
      }
    }
    const qp = isQuotedPrintable(physical);
    this.current = { parts: [], chars: 0, line, qp, softBreak: false };
    this.append(this.current, physical);
    return current && joined(current);
  }

  end(): LogicalLine | undefined {
    const current = this.current;
    this.current = undefined;
    return current && joined(current);
  }

  private append(open: OpenLine, piece: string): void {
    const soft = open.qp && piece.endsWith('=');
    const text = soft ? piece.slice(0, -1) : piece;
    open.chars += text.length;
    if (open.chars > MAX_LOGICAL_LINE_CHARS) throw lineTooLong(open.line);
    open.parts.push(text);
    open.softBreak = soft;
  }
}

function joined(open: OpenLine): LogicalLine {
  // A soft break with nothing after it (the file ends) keeps its "=", as read.
  const text = open.parts.join('') + (open.softBreak ? '=' : '');
  return { text, line: open.line };
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
