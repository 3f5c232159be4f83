/** Messages remembered; far more than anyone scrolls back to press. */
const REMEMBERED = 1_000;

/**
 * Buttons that work once (a preview's Start / Cancel, a question's Confirm /
 * Cancel, a breaker's choices). The first press of any button on a message
 * claims the message; a repeat press (a double tap, or a press that raced the
 * buttons' removal) is told so on the button instead of running again.
 * Platform-neutral: the key is whatever names a message on the platform.
 */
export class OnceOnlyButtons {
  private readonly claimed = new Set<string>();

  /** True for the first press on this message, false for any later one. */
  claim(messageKey: string): boolean {
    if (this.claimed.has(messageKey)) return false;
    this.claimed.add(messageKey);
    if (this.claimed.size > REMEMBERED) this.claimed.delete(this.claimed.values().next().value as string);
    return true;
  }
}

export const SPENT_BUTTON_ANSWER = 'This button was already used.';
