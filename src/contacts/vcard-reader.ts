import { createInterface } from 'node:readline';
import type { Candidate, PhoneEntry } from './candidate.js';
import { MAX_CELL_CHARS, stripControls } from './cell-limits.js';
import { labelSaysMobile } from './columns.js';
import { BATCH_ROWS } from './stream-batches.js';
import { textStream, type TextEncoding } from './text-encoding.js';
import { LineUnfolder, parseProperty, splitStructured, unescapeText, type LogicalLine } from './vcard-lines.js';

/** The template variables a card fills, besides {name}. */
export const VCARD_VARIABLES = ['first_name', 'last_name', 'email', 'company', 'job_title', 'note', 'birthday'] as const;

/** A card as one row of the rejected-rows file: these columns. */
export const VCARD_COLUMNS = ['name', 'phones', ...VCARD_VARIABLES];

interface CardDraft {
  line: number;
  fn: string;
  nameParts: string[];
  phones: PhoneEntry[];
  fields: Record<string, string>;
}

const TYPES_MEANING_MOBILE = (types: string[]) => types.some((t) => t === 'IPHONE' || labelSaysMobile(t));

function addProperty(card: CardDraft, logical: LogicalLine): void {
  const property = parseProperty(logical.text);
  if (!property) return;
  const { fields } = card;
  const text = () => unescapeText(property.value).trim();
  switch (property.name) {
    case 'FN':
      card.fn = text();
      break;
    case 'N': {
      const [family = '', given = '', additional = ''] = splitStructured(property.value).map((p) => p.trim());
      card.nameParts = [given, additional, family];
      if (given) fields.first_name = given;
      if (family) fields.last_name = family;
      break;
    }
    case 'TEL': {
      const raw = property.value.replace(/^tel:/i, '').trim();
      if (raw) card.phones.push({ raw, mobileHint: TYPES_MEANING_MOBILE(property.types) });
      break;
    }
    case 'EMAIL':
      fields.email ??= text();
      break;
    case 'ORG':
      fields.company ??= splitStructured(property.value)[0]?.trim() ?? '';
      break;
    case 'TITLE':
      fields.job_title ??= text();
      break;
    case 'NOTE':
      fields.note ??= text();
      break;
    case 'BDAY':
      fields.birthday ??= text();
      break;
  }
}

function toCandidate(card: CardDraft): Candidate {
  let tooLong: string | undefined;
  const clean = (key: string, value: string) => {
    const text = stripControls(value);
    if (text.length > MAX_CELL_CHARS) tooLong ??= key;
    return text;
  };
  for (const [key, value] of Object.entries(card.fields)) {
    if (value) card.fields[key] = clean(key, value);
    else delete card.fields[key];
  }
  card.fn = clean('FN', card.fn);
  card.nameParts = card.nameParts.map((part) => clean('N', part));
  for (const phone of card.phones) phone.raw = clean('TEL', phone.raw);
  const fromParts = card.nameParts.filter(Boolean).join(' ');
  const name = card.fn || fromParts || card.fields.company || null;
  // Stable sort: cards list their mobiles first, then the rest in file order.
  const phones = [...card.phones].sort((a, b) => Number(b.mobileHint) - Number(a.mobileHint));
  let size = (name ?? '').length;
  for (const value of Object.values(card.fields)) size += value.length;
  for (const phone of phones) size += phone.raw.length;
  const phoneText = card.phones.map((p) => p.raw).join(' / ');
  const cells = [name ?? '', phoneText, ...VCARD_VARIABLES.map((v) => card.fields[v] ?? '')];
  if (tooLong !== undefined) return { line: card.line, phones: [], phoneText, cells, name: null, fields: {}, missingPhoneColumn: false, size, tooLong };
  return { line: card.line, phones, phoneText, cells, name, fields: card.fields, missingPhoneColumn: false, size };
}

/**
 * Streams the cards of a .vcf file, in batches (vCard 2.1, 3.0 and 4.0): folded lines,
 * quoted-printable names in any charset, several TEL entries per card.
 */
export async function* readVcards(path: string, encoding: TextEncoding): AsyncGenerator<Candidate[]> {
  const input = textStream(path, encoding);
  const lines = createInterface({ input, crlfDelay: Infinity });
  const unfolder = new LineUnfolder();
  let card: CardDraft | undefined;
  let number = 0;
  const handle = (logical: LogicalLine): Candidate | undefined => {
    const upper = logical.text.trim().toUpperCase();
    if (upper === 'BEGIN:VCARD') {
      card = { line: logical.line, fn: '', nameParts: [], phones: [], fields: {} };
      return undefined;
    }
    if (!card) return undefined;
    if (upper === 'END:VCARD') {
      const done = toCandidate(card);
      card = undefined;
      return done;
    }
    addProperty(card, logical);
    return undefined;
  };
  let batch: Candidate[] = [];
  try {
    for await (const physical of lines) {
      number++;
      const logical = unfolder.push(number === 1 ? physical.replace(/^\uFEFF/, '') : physical, number);
      const done = logical && handle(logical);
      if (done) batch.push(done);
      if (batch.length >= BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
    const last = unfolder.end();
    const done = last && handle(last);
    if (done) batch.push(done);
    // A last card without END:VCARD still counts.
    if (card) batch.push(toCandidate(card));
    if (batch.length > 0) yield batch;
  } finally {
    lines.close();
    input.destroy();
  }
}
