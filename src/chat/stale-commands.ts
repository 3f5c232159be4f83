import { formatDuration } from '../campaigns/eta.js';
import type { CommandDefinition, CommandInvocation } from '../core/command.js';
import { clipToCharacters } from '../core/text-clip.js';

/**
 * The stale-command rule, the same on every platform: a command that reached
 * zapcast long after it was sent (it waited on the chat platform while zapcast
 * was down) is run only if it changes nothing. "/stop 7" typed yesterday
 * evening may no longer be wanted this morning, and "/send" or "/run" could
 * start a broadcast nobody is watching. The operator is told what was skipped.
 */
export interface SkippedCommand {
  line: string;
  ageMs: number;
}

/** Shown per skipped command: enough to recognise it. */
const LINE_CHARACTERS = 60;

export function isStale(definition: Pick<CommandDefinition, 'readOnly'>, invocation: Pick<CommandInvocation, 'sentAt'>, now: number, staleAfterMs: number | undefined): boolean {
  if (definition.readOnly || invocation.sentAt === undefined || staleAfterMs === undefined || staleAfterMs <= 0) return false;
  return now - invocation.sentAt > staleAfterMs;
}

export function describeSkipped(skipped: readonly SkippedCommand[]): string {
  const lines = skipped.map((s) => `${clipToCharacters(s.line, LINE_CHARACTERS)} (sent ${formatDuration(s.ageMs)} ago)`);
  const head =
    skipped.length === 1
      ? 'Not run: this command arrived too late (zapcast was offline) and changes things that may no longer be wanted:'
      : `Not run: these ${skipped.length} commands arrived too late (zapcast was offline) and change things that may no longer be wanted:`;
  return [head, ...lines, 'Send again whatever you still want done.'].join('\n');
}

/**
 * Skipped commands gathered per chat, so a backlog of twenty becomes one
 * notice rather than twenty answers.
 */
export class SkippedCommands {
  private readonly byChat = new Map<string, SkippedCommand[]>();

  add(chatKey: string, skipped: SkippedCommand): void {
    const list = this.byChat.get(chatKey) ?? [];
    list.push(skipped);
    this.byChat.set(chatKey, list);
  }

  /** The notice for a chat's skipped commands since the last call, if any. */
  take(chatKey: string): string | undefined {
    const list = this.byChat.get(chatKey);
    this.byChat.delete(chatKey);
    return list && list.length > 0 ? describeSkipped(list) : undefined;
  }
}
