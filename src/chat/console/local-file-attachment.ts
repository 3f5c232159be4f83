import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Attachment } from '../../core/command.js';
import { ZapcastError } from '../../core/errors.js';

/** On the console, a file is named by its path on this machine. */
export function localFileAttachment(token: string, cwd = process.cwd()): Attachment {
  const path = resolve(cwd, token.replace(/^~(?=\/)/, process.env.HOME ?? '~'));
  const present = existsSync(path) && statSync(path).isFile();
  return {
    fileName: basename(path),
    size: present ? statSync(path).size : undefined,
    mimeType: undefined,
    async localPath() {
      if (!existsSync(path)) throw new ZapcastError(`The file ${token} does not exist.`);
      if (!statSync(path).isFile()) throw new ZapcastError(`${token} is not a file.`);
      return path;
    },
  };
}
