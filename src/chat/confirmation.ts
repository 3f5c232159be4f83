import { text, type CommandInvocation, type Reply } from '../core/command.js';

/**
 * Confirmation of irreversible commands, the same on every front-end. A
 * command with a `confirm` question, typed by hand, is answered with the
 * question and two buttons: Confirm runs the very same command line (as a
 * press, so it is not asked again), Cancel runs DECLINE_COMMAND with that line
 * after it, which the router answers without running anything. On the console,
 * where buttons are printed as lines to type, typing the Confirm line presses it.
 */
export const DECLINE_COMMAND = 'nevermind';

/** The command line an invocation stands for, as a button would carry it. */
export function commandLineOf(invocation: Pick<CommandInvocation, 'command' | 'text' | 'values'>): string {
  if (invocation.text !== undefined || !invocation.values) return `/${invocation.command} ${invocation.text ?? ''}`.trim();
  // Typed values (a slash command's options) become name=value tokens, which the parser reads for any option.
  const tokens = Object.entries(invocation.values)
    .filter(([, value]) => value !== undefined && value !== null && typeof value !== 'object')
    .map(([name, value]) => `${name}=${String(value)}`);
  return [`/${invocation.command}`, ...tokens].join(' ');
}

export function confirmationReply(question: string, commandLine: string): Reply {
  return text(question, [
    { label: 'Confirm', command: commandLine, style: 'danger' },
    { label: 'Cancel', command: `/${DECLINE_COMMAND} ${commandLine.replace(/^\//, '')}`, style: 'secondary' },
  ]);
}

/** What Cancel declined: the command name and line, from the decline's own text. */
export function declined(invocation: Pick<CommandInvocation, 'text'>): { command: string; line: string } {
  const rest = (invocation.text ?? '').trim();
  const command = /^\/?([\w-]+)/.exec(rest)?.[1]?.toLowerCase() ?? DECLINE_COMMAND;
  return { command, line: rest === '' ? '' : `/${rest.replace(/^\//, '')}` };
}

export function declinedAnswer(line: string): Reply {
  return text(line === '' ? 'Nothing was run.' : `Cancelled: ${line} was not run.`);
}
