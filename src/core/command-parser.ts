import { err, ok, type Result } from './result.js';
import { CommandArgs, type ArgValue, type Attachment, type CommandDefinition, type OptionDefinition } from './command.js';

export interface Token {
  value: string;
  /** Where the token starts in the text, quotes included. */
  start: number;
  quoted: boolean;
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’' };

/** Splits on whitespace, keeping "quoted strings" (straight or curly quotes) whole. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const start = i;
    const close = QUOTES[text[i]!];
    if (close) {
      const end = text.indexOf(close, i + 1);
      if (end !== -1) {
        tokens.push({ value: text.slice(i + 1, end), start, quoted: true });
        i = end + 1;
        continue;
      }
    }
    while (i < text.length && !/\s/.test(text[i]!)) i++;
    tokens.push({ value: text.slice(start, i), start, quoted: false });
  }
  return tokens;
}

function placeholder(option: OptionDefinition): string {
  if (option.type === 'boolean') return option.name;
  if (option.keyword) return `${option.name}=<${option.type === 'integer' ? 'number' : 'value'}>`;
  return `<${option.name}${option.rest ? '…' : ''}>`;
}

/** "/send <list> <message…> [session=<value>]" */
export function usageLine(definition: CommandDefinition): string {
  const parts = definition.options.map((o) => (o.required ? placeholder(o) : `[${placeholder(o)}]`));
  return [`/${definition.name}`, ...parts].join(' ');
}

const normaliseKey = (key: string) => key.toLowerCase().replace(/_/g, '-');

function convert(option: OptionDefinition, raw: string): Result<ArgValue> {
  switch (option.type) {
    case 'integer': {
      const cleaned = raw.replace(/^#/, '');
      if (!/^-?\d+$/.test(cleaned)) return err(`${option.name} must be a whole number, not "${raw}"`);
      return ok(Number(cleaned));
    }
    case 'boolean': {
      const value = raw.toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(value)) return ok(true);
      if (['false', 'no', 'off', '0'].includes(value)) return ok(false);
      return err(`${option.name} must be yes or no, not "${raw}"`);
    }
    case 'datetime': {
      const date = new Date(raw);
      if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(date.getTime())) {
        return err(`${option.name} must be a date and time such as 2026-12-01T09:00, not "${raw}"`);
      }
      return ok(date);
    }
    default:
      if (option.choices && !option.choices.includes(raw)) return err(`${option.name} must be one of ${option.choices.join(', ')}, not "${raw}"`);
      return ok(raw);
  }
}

export interface ParseInput {
  text?: string;
  values?: Record<string, unknown>;
  attachments: Attachment[];
  /** How a front-end turns a typed token into a file (the console: a local path). */
  attachmentFromToken?: (token: string) => Attachment;
}

/** Parses a command's arguments against its definition; the error says what was wrong. */
export function parseArguments(definition: CommandDefinition, input: ParseInput): Result<CommandArgs> {
  const values = new Map<string, ArgValue>();
  const attachments = [...input.attachments];
  const options = definition.options;
  const assign = (option: OptionDefinition, raw: string): string | undefined => {
    if (option.type === 'attachment') {
      if (!input.attachmentFromToken) return `attach the file for ${option.name} instead of typing "${raw}"`;
      values.set(option.name, input.attachmentFromToken(raw));
      return undefined;
    }
    const converted = convert(option, raw);
    if (!converted.ok) return converted.error;
    values.set(option.name, converted.value);
    return undefined;
  };

  if (input.values) {
    for (const [name, value] of Object.entries(input.values)) {
      const option = options.find((o) => o.name === name);
      if (!option || value === undefined || value === null) continue;
      if (option.type === 'attachment') values.set(name, value as Attachment);
      else {
        const problem = assign(option, value instanceof Date ? value.toISOString() : String(value));
        if (problem) return err(problem);
      }
    }
  } else {
    const text = input.text ?? '';
    const tokens = tokenize(text);
    const positional = options.filter((o) => !o.keyword && o.type !== 'boolean');
    let next = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const keyword = token.quoted ? undefined : /^([A-Za-z][\w-]*)=(.*)$/s.exec(token.value);
      const named = keyword && options.find((o) => normaliseKey(o.name) === normaliseKey(keyword[1]!));
      if (named && keyword) {
        const problem = assign(named, keyword[2]!);
        if (problem) return err(problem);
        continue;
      }
      const flag = !token.quoted && options.find((o) => o.type === 'boolean' && normaliseKey(o.name) === normaliseKey(token.value));
      if (flag) {
        values.set(flag.name, true);
        continue;
      }
      while (next < positional.length && values.has(positional[next]!.name)) next++;
      const option = positional[next];
      if (!option) return err(`unexpected "${token.value}"`);
      next++;
      if (option.type === 'attachment' && attachments.length > 0) {
        i--;
        values.set(option.name, attachments.shift()!);
        continue;
      }
      if (option.rest) {
        // Keyword options written after the text ("... media=photo.jpg") are still options.
        let end = tokens.length;
        while (end > i + 1) {
          const last = tokens[end - 1]!;
          const trailing = last.quoted ? undefined : /^([A-Za-z][\w-]*)=(.*)$/s.exec(last.value);
          const named = trailing && options.find((o) => o.keyword && normaliseKey(o.name) === normaliseKey(trailing[1]!));
          if (!named || !trailing) break;
          const problem = assign(named, trailing[2]!);
          if (problem) return err(problem);
          end--;
        }
        const rest = text.slice(token.start, end < tokens.length ? tokens[end]!.start : text.length).trim();
        const whole = end === i + 1 && token.quoted ? token.value : rest;
        values.set(option.name, whole);
        break;
      }
      const problem = assign(option, token.value);
      if (problem) return err(problem);
    }
  }

  for (const option of options) {
    if (option.type === 'attachment' && !values.has(option.name) && attachments.length > 0) values.set(option.name, attachments.shift()!);
    if (option.required && !values.has(option.name)) {
      return err(option.type === 'attachment' ? `attach or name the file for ${option.name}` : `missing ${placeholder(option)}`);
    }
  }
  return ok(new CommandArgs(values));
}
