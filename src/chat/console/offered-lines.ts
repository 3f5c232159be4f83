import type { Button } from '../../core/command.js';

/** Lines remembered; far more than scroll back on a terminal. */
const REMEMBERED = 100;

/** "/Stop  7" and "stop 7" are the same line. */
const normalise = (line: string) => line.trim().replace(/^\//, '').replace(/\s+/g, ' ').replace(/^\S+/, (word) => word.toLowerCase());

/**
 * The console has no buttons: it prints each as "label: command line", and
 * typing one of those lines exactly presses that button, once. That is how a
 * console operator confirms an irreversible command: "/stop 7" asks, and
 * typing "/stop 7" again (the Confirm line shown) does it.
 */
export class OfferedLines {
  private readonly lines: string[] = [];

  offer(buttons: readonly Button[]): void {
    for (const button of buttons) this.lines.push(normalise(button.command));
    this.lines.splice(0, Math.max(0, this.lines.length - REMEMBERED));
  }

  /** Whether the typed line is one on offer (and uses it up). */
  take(typed: string): boolean {
    const index = this.lines.lastIndexOf(normalise(typed));
    if (index === -1) return false;
    this.lines.splice(index, 1);
    return true;
  }
}
