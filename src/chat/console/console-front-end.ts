import { writeFileSync, mkdirSync } from 'node:fs';
import { forwardButtons, forwardText } from '../../inbox/forward-text.js';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { AppServices } from '../../app-services.js';
import type { Button, CommandInvocation, Reply } from '../../core/command.js';
import { ZapcastError } from '../../core/errors.js';
import { qrToTerminal } from '../../whatsapp/qr-render.js';
import { escapeControls } from './terminal-text.js';
import type { ChatFrontEnd } from '../chat-front-end.js';
import type { CommandRouter } from '../command-router.js';
import { renderProgress } from '../progress-view.js';
import { ConsoleIo } from './console-io.js';
import { prepareLine } from './console-line.js';
import { localFileAttachment } from './local-file-attachment.js';
import { OfferedLines } from './offered-lines.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  cwd?: string;
  /** A prompt and line editing with history; by default when both streams are a terminal. */
  terminal?: boolean;
}

/** Buttons as the commands they run: the console has nothing to press, so typing the line presses it (see OfferedLines). */
function buttonLine(buttons: readonly Button[] | undefined): string {
  return buttons?.length ? `\n(type a line to press its button: ${buttons.map((b) => `${b.label}: ${b.command}`).join(' · ')})` : '';
}

const OFFLINE = 'cannot reach WhatsApp Web: check the internet, or try WA_TRANSPORT=dry-run (it keeps retrying by itself).';

/**
 * The same commands typed on stdin, answers on stdout. Lines run one after
 * another, so a script of commands piped in behaves as if typed. The local
 * user is the operator: whoever has this terminal already has the machine.
 */
export class ConsoleFrontEnd implements ChatFrontEnd {
  readonly name = 'console' as const;
  private io: ConsoleIo | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly unsubscribers: (() => void)[] = [];
  private readonly reportedDown = new Set<string>();
  private readonly offered = new OfferedLines();
  /** Numbers whose link came up in this process: a failure before that is "cannot reach", not "dropped". */
  private readonly everUp = new Set<string>();

  constructor(
    private readonly services: AppServices,
    private readonly router: CommandRouter,
    private readonly options: ConsoleOptions,
  ) {}

  private get cwd(): string {
    return this.options.cwd ?? process.cwd();
  }

  /** Text that may carry what others wrote (contact names, messages): control characters are shown, never obeyed. */
  private print(text: string): void {
    this.printRaw(escapeControls(text));
  }

  /** Text drawn here, with the terminal colours it means to use (a QR code). */
  private printRaw(text: string): void {
    if (this.io) this.io.print(text);
    else this.options.output.write(`${text}\n`);
  }

  async start(): Promise<void> {
    const { events } = this.services;
    this.unsubscribers.push(
      events.on('link.qr', ({ sessionName, code }) => void this.showQr(sessionName, code)),
      events.on('link.open', ({ sessionName, phone }) => {
        this.everUp.add(sessionName);
        this.reportedDown.delete(sessionName);
        this.print(`WhatsApp ${sessionName} is linked${phone ? ` as ${phone}` : ''}.`);
      }),
      events.on('link.close', ({ sessionName, reason, willReconnect, kind, retryInMs }) => {
        // A restart is WhatsApp's normal hand-over after linking; a lost link is told once until it is back.
        if (kind === 'restart' || (kind === 'connection_lost' && this.reportedDown.has(sessionName))) return;
        if (kind === 'connection_lost') this.reportedDown.add(sessionName);
        if (kind === 'connection_lost' && !this.everUp.has(sessionName)) {
          this.print(`WhatsApp ${sessionName}: ${OFFLINE}`);
          return;
        }
        const retry = willReconnect ? `; reconnecting${retryInMs ? ` in ${Math.ceil(retryInMs / 1000)} s` : ''}, retrying with growing delays` : '';
        this.print(`WhatsApp ${sessionName} link dropped (${reason})${retry}.`);
      }),
      events.on('run.state', ({ campaignId, to, from }) => {
        if (to === from || to === 'running') return;
        this.print(this.progressText(campaignId));
      }),
      events.on('inbox.message', (forward) => {
        const buttons = forwardButtons(forward);
        this.offered.offer(buttons);
        this.print(forwardText(forward, this.services.dryRun) + buttonLine(buttons));
      }),
      events.on('notice', ({ text, buttons }) => {
        if (buttons?.length) this.offered.offer(buttons);
        this.print(text + buttonLine(buttons));
      }),
    );
    const { input, output } = this.options;
    const terminal = this.options.terminal ?? ((input as { isTTY?: boolean }).isTTY === true && (output as { isTTY?: boolean }).isTTY === true);
    this.io = new ConsoleIo(output, input, terminal, (line) => {
      this.queue = this.queue
        .then(() => this.runLine(line))
        // A line that fails must not reject the queue: every later line would be skipped, and the rejection would end the process.
        .catch((error: unknown) => {
          this.services.logger.error({ err: error }, 'console line failed');
          this.print('Something went wrong with that line; the details are in the log.');
        })
        .finally(() => this.io?.prompt());
    });
    this.services.frontEndStatus.report('console', 'up');
    this.print(`${this.services.dryRun ? '[DRY RUN] ' : ''}zapcast console ready. Type /help for the commands.`);
    this.io.prompt();
  }

  /** Resolves when every line read so far has been handled (tests and shutdown use it). */
  idle(): Promise<void> {
    return this.queue;
  }

  private async showQr(sessionName: string, code: string): Promise<void> {
    const drawing = await qrToTerminal(code);
    this.printRaw(`${escapeControls(`Scan this QR with WhatsApp (Linked devices) to link ${sessionName}${this.services.dryRun ? ' [DRY RUN: it links by itself]' : ''}:`)}\n${drawing}`);
  }

  private progressText(campaignId: number): string {
    return renderProgress(this.services.status.snapshot(campaignId), this.services.clock.now(), this.services.config.timeZone);
  }

  private async runLine(line: string): Promise<void> {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = /^\/?([A-Za-z][\w-]*)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(trimmed);
    if (!match) {
      this.print('Commands start with /, for example /help.');
      return;
    }
    const command = match[1]!.toLowerCase();
    let prepared;
    try {
      prepared = prepareLine(match[2] ?? '', this.router.find(command), this.cwd);
    } catch (error) {
      // A file named on the line that cannot be read: said in one line, and the console goes on.
      this.print(error instanceof ZapcastError ? error.message : `Could not read the line: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const invocation: CommandInvocation = {
      frontEnd: 'console',
      actor: { id: 'console', name: 'console' },
      chatId: 'console',
      command,
      text: prepared.text,
      attachments: [],
      // Typing a line printed for a button is pressing it (see OfferedLines).
      pressed: this.offered.take(trimmed),
    };
    await this.router.handle(invocation, {
      authorised: true,
      attachmentFromToken: (token) => localFileAttachment(prepared.paths.get(token) ?? token, this.cwd),
      reply: async (reply) => this.render(reply),
    });
  }

  private async render(reply: Reply): Promise<void> {
    switch (reply.kind) {
      case 'text':
        if (reply.buttons?.length) this.offered.offer(reply.buttons);
        this.print(reply.text + buttonLine(reply.buttons));
        return;
      case 'image': {
        mkdirSync(this.services.paths.exports, { recursive: true });
        const path = join(this.services.paths.exports, reply.fileName);
        writeFileSync(path, reply.png);
        this.print(`${reply.caption ?? 'Image'}: ${path}`);
        // A login QR is drawn here too: the terminal is where it is scanned from.
        const code = reply.qrSession === undefined ? undefined : this.services.links.status(reply.qrSession)?.qr?.code;
        if (code) this.printRaw(await qrToTerminal(code));
        return;
      }
      case 'file':
        this.print(`${reply.caption ?? 'File'}: ${reply.path}`);
        return;
      case 'progress':
        this.print(this.progressText(reply.campaignId));
        return;
    }
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.io?.close();
    await this.queue;
    this.services.frontEndStatus.report('console', 'stopped');
  }
}
