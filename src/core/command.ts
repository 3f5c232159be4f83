import type { AppServices } from '../app-services.js';

/**
 * The command contract. A command file exports one definition; Telegram,
 * Discord and the console build their parsers, menus and /help from it.
 */
export type OptionType = 'string' | 'integer' | 'boolean' | 'attachment' | 'datetime';

export interface OptionDefinition {
  name: string;
  type: OptionType;
  description: string;
  required?: boolean;
  /** A string that takes the rest of the line (a message text). Only the last option. */
  rest?: boolean;
  choices?: readonly string[];
  /** Not filled by position: only as name=value (or a bare name, for booleans). */
  keyword?: boolean;
}

export interface CommandDefinition {
  name: string;
  description: string;
  options: readonly OptionDefinition[];
  /** Extra lines for /help <command>: examples, notes. */
  help?: readonly string[];
  /**
   * For irreversible commands (stop a run, log a number out): the question to
   * ask before running when the command was typed rather than pressed. The
   * router answers with it and Confirm / Cancel buttons; Confirm runs the same
   * command line as a press. Throw a ZapcastError to refuse at once (an unknown
   * campaign); return undefined when this particular call needs no question.
   */
  confirm?: (args: CommandArgs, ctx: CommandContext) => string | undefined;
  /**
   * Changes nothing (it only reads or shows): safe to run late. A command that
   * waited too long to arrive (zapcast was down) runs only if it is read-only.
   */
  readOnly?: boolean;
  run(ctx: CommandContext, args: CommandArgs): Promise<Reply | Reply[]>;
}

export function defineCommand(definition: CommandDefinition): CommandDefinition {
  return definition;
}

/** A file that came with the command: a chat upload, or a local path on the console. */
export interface Attachment {
  fileName: string;
  size: number | undefined;
  mimeType: string | undefined;
  /** Makes the file available on disk (downloads it if needed) and returns its path. */
  localPath(): Promise<string>;
}

export interface Actor {
  id: string;
  name: string;
}

export type FrontEndName = 'console' | 'telegram' | 'discord';

export interface CommandInvocation {
  frontEnd: FrontEndName;
  actor: Actor;
  chatId: string;
  command: string;
  /** Text after the command name (text front-ends). */
  text?: string;
  /** Already-typed values (Discord slash options). */
  values?: Record<string, unknown>;
  attachments: Attachment[];
  /** It came from a button press (a deliberate choice already), not typed: no confirmation is asked. */
  pressed?: boolean;
  /** When the person sent it (ms since the epoch), when the platform says; a command that waited too long is not run. */
  sentAt?: number;
}

export interface Button {
  label: string;
  /** The command line the press runs, as the presser. */
  command: string;
  style?: 'primary' | 'secondary' | 'danger';
}

/**
 * `privateOnly` marks linking material (a login QR, a pairing code): whoever
 * holds it can link a WhatsApp number, so it is shown only in a private chat
 * with the person who asked. Asked in a group, the router sends it to them
 * privately and tells the group so.
 */
export type Reply =
  | { kind: 'text'; text: string; buttons?: Button[]; privateOnly?: boolean }
  /**
   * A picture. With `qrSession` it is that WhatsApp session's login QR: a
   * front-end that can edit its messages replaces it as the code rotates and
   * removes it once the link is up; others show it as it is.
   */
  | { kind: 'image'; png: Buffer; fileName: string; caption?: string; qrSession?: string; privateOnly?: boolean }
  | { kind: 'file'; path: string; fileName: string; caption?: string }
  /** A live view of a campaign's progress that the front-end keeps up to date. */
  | { kind: 'progress'; campaignId: number };

export const text = (value: string, buttons?: Button[]): Reply => (buttons ? { kind: 'text', text: value, buttons } : { kind: 'text', text: value });

export interface CommandContext {
  services: AppServices;
  invocation: CommandInvocation;
  /** Sends a reply before the command finishes (for long work). */
  reply(reply: Reply): Promise<void>;
}

export type ArgValue = string | number | boolean | Date | Attachment;

/** Parsed, validated arguments with typed accessors. */
export class CommandArgs {
  constructor(private readonly values: Map<string, ArgValue>) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  private get(name: string): ArgValue {
    const value = this.values.get(name);
    if (value === undefined) throw new Error(`argument ${name} was not parsed`);
    return value;
  }

  string(name: string): string {
    return String(this.get(name));
  }

  optionalString(name: string): string | undefined {
    return this.has(name) ? this.string(name) : undefined;
  }

  integer(name: string): number {
    return this.get(name) as number;
  }

  optionalInteger(name: string): number | undefined {
    return this.has(name) ? this.integer(name) : undefined;
  }

  boolean(name: string): boolean {
    return this.has(name) ? (this.get(name) as boolean) : false;
  }

  datetime(name: string): Date {
    return this.get(name) as Date;
  }

  attachment(name: string): Attachment {
    return this.get(name) as Attachment;
  }

  optionalAttachment(name: string): Attachment | undefined {
    return this.has(name) ? this.attachment(name) : undefined;
  }

  entries(): [string, ArgValue][] {
    return [...this.values.entries()];
  }
}
