import { randomBytes } from 'node:crypto';
import type { AppServices } from '../app-services.js';
import { text, type Attachment, type CommandDefinition, type CommandInvocation, type Reply } from '../core/command.js';
import { parseArguments, usageLine } from '../core/command-parser.js';
import { UnknownCommandError, UsageError, ZapcastError } from '../core/errors.js';
import type { AuditEntry } from '../db/repos/audit-log-repo.js';

export interface RouteOptions {
  /** The front-end's verdict on whether the actor is an operator. */
  authorised: boolean;
  attachmentFromToken?: (token: string) => Attachment;
  reply(reply: Reply): Promise<void>;
}

/**
 * Every front-end hands its invocations here: look up, authorise, parse, run,
 * audit. Nothing an operator types can crash the process: errors become a
 * short answer, and the details go to the log.
 */
export class CommandRouter {
  private readonly byName = new Map<string, CommandDefinition>();

  constructor(
    private readonly services: AppServices,
    commands: readonly CommandDefinition[],
  ) {
    for (const command of commands) this.byName.set(command.name, command);
  }

  find(name: string): CommandDefinition | undefined {
    return this.byName.get(name.toLowerCase());
  }

  async handle(invocation: CommandInvocation, options: RouteOptions): Promise<void> {
    const audit = (outcome: AuditEntry['outcome'], detail?: string) =>
      this.services.repos.audit.write({
        at: this.services.clock.now(),
        frontEnd: invocation.frontEnd,
        actorId: invocation.actor.id,
        actorName: invocation.actor.name,
        chatId: invocation.chatId,
        command: invocation.command,
        arguments: invocation.text ?? (invocation.values ? JSON.stringify(invocation.values, (_k, v) => (v && typeof v === 'object' && 'localPath' in v ? v.fileName : v)) : undefined),
        outcome,
        detail,
      });

    if (!options.authorised) {
      audit('refused', 'not an operator');
      await options.reply(text(`You are not an operator of this zapcast, so /${invocation.command} was not run. Your id is ${invocation.actor.id}.`));
      return;
    }
    const command = this.find(invocation.command);
    try {
      if (!command) throw new UnknownCommandError(invocation.command);
      const parsed = parseArguments(command, {
        text: invocation.text,
        values: invocation.values,
        attachments: invocation.attachments,
        attachmentFromToken: options.attachmentFromToken,
      });
      if (!parsed.ok) throw new UsageError(parsed.error, usageLine(command));
      const result = await command.run({ services: this.services, invocation, reply: options.reply }, parsed.value);
      for (const reply of Array.isArray(result) ? result : [result]) await options.reply(reply);
      audit('ok');
    } catch (error) {
      await this.answerError(invocation, error, options, audit);
    }
  }

  private async answerError(
    invocation: CommandInvocation,
    error: unknown,
    options: RouteOptions,
    audit: (outcome: AuditEntry['outcome'], detail?: string) => void,
  ): Promise<void> {
    if (error instanceof UsageError) {
      audit('usage', error.message);
      await options.reply(text(`${capitalise(error.message)}.\nUsage: ${error.usage}`));
    } else if (error instanceof ZapcastError) {
      audit('error', error.message);
      await options.reply(text(capitalise(error.message)));
    } else {
      const ref = randomBytes(3).toString('hex');
      this.services.logger.error({ err: error, ref, command: invocation.command }, 'command failed');
      audit('error', `internal error ${ref}`);
      await options.reply(text(`Something went wrong running /${invocation.command}; the details are in the log (ref ${ref}).`));
    }
  }
}

function capitalise(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
