import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export const PROMPT = 'zapcast> ';
const HISTORY = 500;

/**
 * The console's lines in and text out. On a terminal: a prompt, line editing
 * and history (up and down arrows), and output that arrives while the
 * operator is typing is written above the prompt, which is drawn again with
 * what was typed. Otherwise (a pipe, a script, a service's log) plain lines.
 */
export class ConsoleIo {
  private readonly reader: Interface;

  constructor(
    private readonly output: Writable,
    input: Readable,
    private readonly terminal: boolean,
    onLine: (line: string) => void,
  ) {
    this.reader = terminal
      ? createInterface({ input, output, terminal: true, prompt: PROMPT, historySize: HISTORY, removeHistoryDuplicates: true })
      : createInterface({ input, terminal: false });
    this.reader.on('line', onLine);
  }

  print(text: string): void {
    if (!this.terminal) {
      this.output.write(`${text}\n`);
      return;
    }
    clearLine(this.output, 0);
    cursorTo(this.output, 0);
    this.output.write(`${text}\n`);
    this.reader.prompt(true);
  }

  /** Shows the prompt for the next line (terminal only). */
  prompt(): void {
    if (this.terminal) this.reader.prompt();
  }

  close(): void {
    this.reader.close();
  }
}
