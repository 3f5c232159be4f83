import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandDefinition } from '../../core/command.js';
import { ZapcastError } from '../../core/errors.js';

/** A typed line made ready for the parser, and the files it names whose paths have spaces. */
export interface PreparedLine {
  text: string;
  /** Stand-in token -> path, for the attachment resolver. */
  paths: Map<string, string>;
}

interface Word {
  start: number;
  end: number;
}

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

function wordsOf(text: string): Word[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * A path with spaces typed without quotes (/import My Contacts.csv) is taken
 * whole when that file exists. Only where a file belongs: the command's
 * first argument when that is a file, or after `media=` and the like; a
 * message that happens to name a file is left alone. The path is replaced by
 * a stand-in token the attachment resolver maps back.
 */
function joinSpacedPaths(text: string, definition: CommandDefinition, cwd: string, paths: Map<string, string>): string {
  const attachments = definition.options.filter((o) => o.type === 'attachment');
  if (attachments.length === 0) return text;
  const firstIsFile = definition.options.find((o) => !o.keyword && o.type !== 'boolean')?.type === 'attachment';
  const keys = attachments.map((o) => `${o.name}=`);
  const words = wordsOf(text);
  let out = '';
  let from = 0;
  for (let i = 0; i < words.length; i++) {
    const word = text.slice(words[i]!.start, words[i]!.end);
    const key = keys.find((k) => word.toLowerCase().startsWith(k)) ?? (i === 0 && firstIsFile ? '' : undefined);
    if (key === undefined) continue;
    for (let j = words.length - 1; j > i; j--) {
      const path = text.slice(words[i]!.start + key.length, words[j]!.end);
      if (!isFile(resolve(cwd, path))) continue;
      const token = `<file${paths.size + 1}>`;
      paths.set(token, path);
      out += `${text.slice(from, words[i]!.start)}${key}${token}`;
      from = words[j]!.end;
      i = j;
      break;
    }
  }
  return out + text.slice(from);
}

/**
 * `message=@notes.txt`: the file's text is the message, line breaks and all.
 * It goes last on the line, where the message (the command's rest) is read.
 */
function messageFromFile(text: string, definition: CommandDefinition, cwd: string): { text: string; fileText: string | undefined } {
  const rest = definition.options.find((o) => o.rest);
  if (!rest) return { text, fileText: undefined };
  const match = new RegExp(`(^|\\s)${rest.name}=@(\\S.*?)(?=\\s+[A-Za-z][\\w-]*=|\\s*$)`, 'i').exec(text);
  if (!match) return { text, fileText: undefined };
  const path = resolve(cwd, match[2]!);
  if (!isFile(path)) throw new ZapcastError(`The file ${match[2]} does not exist (${rest.name}=@<file> takes the ${rest.name} from a file).`);
  const fileText = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n').trimEnd();
  return { text: text.slice(0, match.index) + text.slice(match.index + match[0].length), fileText };
}

/** `\n` typed in a line is a line break (a multi-line message); `\\n` keeps the two characters. */
function lineBreaks(text: string): string {
  return text.replace(/\\(\\|n)/g, (_all, escaped: string) => (escaped === 'n' ? '\n' : '\\'));
}

/** Everything the console does to the text after a command name before the parser reads it. */
export function prepareLine(text: string, definition: CommandDefinition | undefined, cwd: string): PreparedLine {
  const paths = new Map<string, string>();
  if (!definition) return { text, paths };
  const joined = joinSpacedPaths(text, definition, cwd, paths);
  const { text: typed, fileText } = messageFromFile(joined, definition, cwd);
  const withBreaks = lineBreaks(typed);
  return { text: fileText === undefined ? withBreaks : `${withBreaks.trimEnd()} ${fileText}`, paths };
}
