import { randomBytes } from 'node:crypto';
import type { AppServices } from '../app-services.js';
import { text, type Attachment, type CommandArgs, type CommandContext, type CommandDefinition, type CommandInvocation } from '../core/command.js';
import { parseArguments, usageLine } from '../core/command-parser.js';
import { UnknownCommandError, UsageError, ZapcastError } from '../core/errors.js';
import type { AuditEntry } from '../db/repos/audit-log-repo.js';
import { DatabaseBusyError, isBusyError, retryWhenBusy } from '../db/busy-retry.js';
import { commandLineOf, confirmationReply, declined, declinedAnswer, DECLINE_COMMAND } from './confirmation.js';
import { ReplyDelivery, type ReplyChannels } from './reply-delivery.js';
import { isStale, type SkippedCommand } from './stale-commands.js';

export interface RouteOptions extends ReplyChannels {
  /** The front-end's verdict on whether the actor is an operator. */
  authorised: boolean;
  attachmentFromToken?: (token: string) => Attachment;
  /**
   * Commands the front-end knows were sent longer ago than this (see
   * CommandInvocation.sentAt) are not run unless read-only.
   */
  staleAfterMs?: number;
  /** Gathers skipped stale commands into one notice; without it each gets its own answer. */
  onStale?: (skipped: SkippedCommand) => void;
}

type Audit = (outcome: AuditEntry['outcome'], detail?: string, command?: string) => void;

/** How long a command waits out a busy database before it is answered "try again". */
const COMMAND_BUSY_WAIT_MS = 30_000;

/**
 * Every front-end hands its invocations here: look up, authorise, check the
 * command is not stale, parse, ask for confirmation, run, show the answers,
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
    const audit: Audit = (outcome, detail, command = invocation.command) =>
      this.writeAudit({
        at: this.services.clock.now(),
        frontEnd: invocation.frontEnd,
        actorId: invocation.actor.id,
        actorName: invocation.actor.name,
        chatId: invocation.chatId,
        command,
        arguments: invocation.text ?? (invocation.values ? JSON.stringify(invocation.values, (_k, v) => (v && typeof v === 'object' && 'localPath' in v ? v.fileName : v)) : undefined),
        outcome,
        detail,
      });

    if (!options.authorised) {
      audit('refused', 'not an operator');
      await options.reply(text(`You are not an operator of this zapcast, so /${invocation.command} was not run. Your id is ${invocation.actor.id}.`));
      return;
    }
    if (invocation.command === DECLINE_COMMAND) {
      const { command, line } = declined(invocation);
      audit('declined', 'Cancel pressed on the confirmation', command);
      await options.reply(declinedAnswer(line));
      return;
    }
    const command = this.find(invocation.command);
    try {
      if (!command) throw new UnknownCommandError(invocation.command);
      const now = this.services.clock.now();
      if (isStale(command, invocation, now, options.staleAfterMs)) {
        const ageMs = now - invocation.sentAt!;
        audit('skipped', `arrived ${Math.round(ageMs / 1000)} s after it was sent`);
        const files = invocation.attachments.map((a) => a.fileName).join(', ');
        await this.tellSkipped({ line: `${commandLineOf(invocation)}${files ? ` (${files})` : ''}`, ageMs }, options);
        return;
      }
      const parsed = parseArguments(command, {
        text: invocation.text,
        values: invocation.values,
        attachments: invocation.attachments,
        attachmentFromToken: options.attachmentFromToken,
      });
      if (!parsed.ok) throw new UsageError(parsed.error, usageLine(command));
      await this.confirmOrRun(command, parsed.value, invocation, options, audit);
    } catch (error) {
      await this.answerError(invocation, error, options, audit);
    }
  }

  private async confirmOrRun(command: CommandDefinition, args: CommandArgs, invocation: CommandInvocation, options: RouteOptions, audit: Audit): Promise<void> {
    const delivery = new ReplyDelivery(options, this.services.logger, invocation.command);
    let answered = false;
    const ctx: CommandContext = {
      services: this.services,
      invocation,
      reply: (reply) => {
        answered = true;
        return delivery.deliver(reply);
      },
    };
    const question = !invocation.pressed && command.confirm ? command.confirm(args, ctx) : undefined;
    if (question !== undefined) {
      audit('asked', 'waiting for Confirm');
      await options.reply(confirmationReply(question, commandLineOf(invocation)));
      return;
    }
    // A busy refusal rolls back the statement that got it and everything after, so the command is run again as a whole;
    // not once it has answered (a long import's progress), which a second run would repeat.
    const runOnce = async () => {
      try {
        return await command.run(ctx, args);
      } catch (error) {
        if (answered && isBusyError(error)) throw new DatabaseBusyError(`The database was busy partway through /${invocation.command}; run it again in a moment.`);
        throw error;
      }
    };
    const result = await retryWhenBusy(runOnce, {
      clock: this.services.clock,
      logger: this.services.logger,
      what: `/${invocation.command}`,
      maxWaitMs: COMMAND_BUSY_WAIT_MS,
    });
    for (const reply of Array.isArray(result) ? result : [result]) await delivery.deliver(reply);
    // Done is done: an answer that could not be shown is recorded as such, not as a failed command.
    audit('ok', delivery.failures.length > 0 ? `done; reply failed (ref ${delivery.failures.join(', ')})` : undefined);
    await delivery.noteFailures(commandLineOf(invocation));
  }

  /**
   * The audit row is written after the fact: a failure to write it (a busy,
   * read-only or full database) is logged and never reaches the front-end,
   * where it would crash the process or hide the command's own answer. A busy
   * moment is waited out in the background.
   */
  private writeAudit(entry: AuditEntry): void {
    const { repos, logger, clock } = this.services;
    const failed = (error: unknown) => logger.error({ err: error, audit: entry }, 'the audit log could not be written');
    try {
      repos.audit.write(entry);
    } catch (error) {
      if (!isBusyError(error)) return failed(error);
      retryWhenBusy(() => repos.audit.write(entry), { clock, logger, what: `the audit row of /${entry.command}`, maxWaitMs: COMMAND_BUSY_WAIT_MS }).catch(failed);
    }
  }

  private async tellSkipped(skipped: SkippedCommand, options: RouteOptions): Promise<void> {
    if (options.onStale) options.onStale(skipped);
    else await options.reply(text(`Not run: ${skipped.line} arrived too late (zapcast was offline); send it again if you still want it.`));
  }

  private async answerError(invocation: CommandInvocation, error: unknown, options: RouteOptions, audit: Audit): Promise<void> {
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
