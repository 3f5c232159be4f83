import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { AppServices } from '../../app-services.js';
import type { CommandInvocation, Reply } from '../../core/command.js';
import { qrToTerminal } from '../../whatsapp/qr-render.js';
import type { ChatFrontEnd } from '../chat-front-end.js';
import type { CommandRouter } from '../command-router.js';
import { renderProgress } from '../progress-view.js';
import { localFileAttachment } from './local-file-attachment.js';
import { OfferedLines } from './offered-lines.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  cwd?: string;
}

/**
 * The same commands typed on stdin, answers on stdout. Lines run one after
 * another, so a script of commands piped in behaves as if typed. The local
 * user is the operator: whoever has this terminal already has the machine.
 */
export class ConsoleFrontEnd implements ChatFrontEnd {
  readonly name = 'console' as const;
  private reader: Interface | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly unsubscribers: (() => void)[] = [];
  private readonly reportedDown = new Set<string>();
  private readonly offered = new OfferedLines();

  constructor(
    private readonly services: AppServices,
    private readonly router: CommandRouter,
    private readonly options: ConsoleOptions,
  ) {}

  private print(text: string): void {
    this.options.output.write(`${text}\n`);
  }

  async start(): Promise<void> {
    const { events } = this.services;
    this.unsubscribers.push(
      events.on('link.qr', ({ sessionName, code }) => void this.showQr(sessionName, code)),
      events.on('link.open', ({ sessionName, phone }) => {
        this.reportedDown.delete(sessionName);
        this.print(`WhatsApp ${sessionName} is linked${phone ? ` as ${phone}` : ''}.`);
      }),
      events.on('link.close', ({ sessionName, reason, willReconnect, kind, retryInMs }) => {
        // A restart is WhatsApp's normal hand-over after linking; a lost link is told once until it is back.
        if (kind === 'restart' || (kind === 'connection_lost' && this.reportedDown.has(sessionName))) return;
        if (kind === 'connection_lost') this.reportedDown.add(sessionName);
        const retry = willReconnect ? `; reconnecting${retryInMs ? ` in ${Math.ceil(retryInMs / 1000)} s` : ''}, retrying with growing delays` : '';
        this.print(`WhatsApp ${sessionName} link dropped (${reason})${retry}.`);
      }),
      events.on('run.state', ({ campaignId, to, from }) => {
        if (to === from || to === 'running') return;
        this.print(this.progressText(campaignId));
      }),
      events.on('notice', ({ text }) => this.print(text)),
    );
    this.reader = createInterface({ input: this.options.input, terminal: false });
    this.reader.on('line', (line) => {
      this.queue = this.queue.then(() => this.runLine(line));
    });
    this.services.frontEndStatus.report('console', 'up');
    this.print(`${this.services.dryRun ? '[DRY RUN] ' : ''}zapcast console ready. Type /help for the commands.`);
  }

  /** Resolves when every line read so far has been handled (tests and shutdown use it). */
  idle(): Promise<void> {
    return this.queue;
  }

  private async showQr(sessionName: string, code: string): Promise<void> {
    const drawing = await qrToTerminal(code);
    this.print(`Scan this QR with WhatsApp (Linked devices) to link ${sessionName}${this.services.dryRun ? ' [DRY RUN: it links by itself]' : ''}:\n${drawing}`);
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
    const invocation: CommandInvocation = {
      frontEnd: 'console',
      actor: { id: 'console', name: 'console' },
      chatId: 'console',
      command: match[1]!.toLowerCase(),
      text: match[2] ?? '',
      attachments: [],
      // Typing a line printed for a button is pressing it (see OfferedLines).
      pressed: this.offered.take(trimmed),
    };
    await this.router.handle(invocation, {
      authorised: true,
      attachmentFromToken: (token) => localFileAttachment(token, this.options.cwd),
      reply: async (reply) => this.render(reply),
    });
  }

  private render(reply: Reply): void {
    switch (reply.kind) {
      case 'text':
        if (reply.buttons?.length) this.offered.offer(reply.buttons);
        this.print(reply.text + (reply.buttons?.length ? `\n(type a line to press its button: ${reply.buttons.map((b) => `${b.label}: ${b.command}`).join(' · ')})` : ''));
        return;
      case 'image': {
        mkdirSync(this.services.paths.exports, { recursive: true });
        const path = join(this.services.paths.exports, reply.fileName);
        writeFileSync(path, reply.png);
        this.print(`${reply.caption ?? 'Image'}: ${path}`);
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
    this.reader?.close();
    await this.queue;
    this.services.frontEndStatus.report('console', 'stopped');
  }
}
