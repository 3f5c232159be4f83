import { readFileSync } from 'node:fs';

/** One instruction of a Dockerfile: its keyword and its arguments, continuation lines joined. */
export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string | undefined;
  /** The base image it starts from. */
  image: string;
  instructions: Instruction[];
}

/** The stages of a Dockerfile, as docker reads them (comments dropped, `\` continuations joined). */
export function readDockerfile(path: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(pending + line);
    pending = '';
  }
  const stages: Stage[] = [];
  for (const line of logical) {
    const match = /^(\S+)\s*(.*)$/.exec(line)!;
    const instruction = { keyword: match[1]!.toUpperCase(), args: match[2]!.trim() };
    if (instruction.keyword === 'FROM') stages.push({ name: /\bAS\s+(\S+)$/i.exec(instruction.args)?.[1], image: instruction.args.split(/\s+/).find((word) => !word.startsWith('--'))!, instructions: [] });
    else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

/** ENV a=1 b=2 (or the old ENV a 1): the variables a stage sets. */
export function stageEnv(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of stage.instructions.filter((i) => i.keyword === 'ENV')) {
    const pairs = [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)];
    if (pairs.length === 0) {
      const [key, ...value] = args.split(/\s+/);
      env[key!] = value.join(' ');
    }
    for (const [, key, value] of pairs) env[key!] = value!.replace(/^"(.*)"$/, '$1');
  }
  return env;
}

/** COPY instructions that take files from the build context (not --from another stage): their sources. */
export function contextCopies(stage: Stage): string[] {
  return stage.instructions
    .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
    .flatMap((i) => i.args.split(/\s+/).filter((word) => !word.startsWith('--')).slice(0, -1));
}

/** The exec form of a CMD or HEALTHCHECK ... CMD: ["node", "x.js"]. */
export function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  return JSON.parse(json) as string[];
}

/**
 * A file given to `docker run --env-file`: KEY=VALUE lines taken literally (no
 * quotes removed), `#` lines and blank lines skipped, a bare KEY copied from
 * the host's environment.
 */
export function readEnvFile(path: string, host: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const equals = line.indexOf('=');
    if (equals === -1) {
      const value = host[line.trim()];
      if (value !== undefined) env[line.trim()] = value;
    } else env[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return env;
}

/** Whether .dockerignore leaves `path` (relative to the context) out; top-level patterns, as this repository uses. */
export function dockerIgnores(ignoreFile: string, path: string): boolean {
  let ignored = false;
  const top = path.replace(/^\.\//, '').split('/')[0]!;
  for (const raw of readFileSync(ignoreFile, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = new RegExp(`^${(negated ? line.slice(1) : line).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    if (pattern.test(top)) ignored = !negated;
  }
  return ignored;
}
