import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

/** One line of DRY_RUN_LOG, as the dry-run transport appends it before a send reports success. */
export interface DryRunSend {
  messageId: string;
  jid: string;
  text: string;
  at: string;
}

/** Reads the dry-run send log; counting lines reads only what was appended since the last count. */
export class DryRunLog {
  private offset = 0;
  private lines = 0;

  constructor(readonly path: string) {}

  /** Complete lines so far (cheap enough to poll every few milliseconds). */
  count(): number {
    if (!existsSync(this.path)) return 0;
    const size = statSync(this.path).size;
    if (size <= this.offset) return this.lines;
    const buffer = Buffer.alloc(size - this.offset);
    const fd = openSync(this.path, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, this.offset);
    } finally {
      closeSync(fd);
    }
    // Only complete lines count; a partial tail is read again next time.
    const lastNewline = buffer.lastIndexOf(0x0a);
    if (lastNewline < 0) return this.lines;
    for (let i = 0; i <= lastNewline; i++) if (buffer[i] === 0x0a) this.lines++;
    this.offset += lastNewline + 1;
    return this.lines;
  }

  /** Every send, parsed; a line that is not a whole JSON record fails loudly, since a torn line is a finding. */
  entries(): DryRunSend[] {
    if (!existsSync(this.path)) return [];
    const text = readFileSync(this.path, 'utf8');
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line, index) => {
        try {
          return JSON.parse(line) as DryRunSend;
        } catch {
          throw new Error(`${this.path} line ${index + 1} is not a JSON record: ${line}`);
        }
      });
  }
}

/** Values that occur more than once, with how often. */
export function duplicates(values: readonly string[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const value of values) seen.set(value, (seen.get(value) ?? 0) + 1);
  return new Map([...seen].filter(([, n]) => n > 1));
}

/** The phone in E.164 for a WhatsApp user JID ("5511910000000@s.whatsapp.net" -> "+5511910000000"). */
export function jidToPhone(jid: string): string {
  return `+${jid.split('@')[0]!.split(':')[0]}`;
}
