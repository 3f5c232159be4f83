/**
 * Who the bot obeys: the Telegram user ids in TELEGRAM_OPERATORS. With none
 * configured it obeys nobody, and tells whoever writes their id and how to
 * add it, so the owner can finish the setup from the chat.
 */
export class OperatorAccess {
  private readonly ids: ReadonlySet<string>;

  constructor(operators: readonly string[]) {
    this.ids = new Set(operators);
  }

  get configured(): boolean {
    return this.ids.size > 0;
  }

  operators(): string[] {
    return [...this.ids];
  }

  allows(userId: string): boolean {
    return this.ids.has(userId);
  }

  /** The answer to anyone the bot does not obey; `what` names what was not run (a command), if anything. */
  refusal(userId: string, what?: string): string {
    if (!this.configured) {
      return `This zapcast has no operators yet, so it obeys nobody${what ? ` and ${what} was not run` : ''}. Your Telegram id is ${userId}: add TELEGRAM_OPERATORS=${userId} to the settings (.env) and restart zapcast to make yourself an operator.`;
    }
    return `You are not an operator of this zapcast${what ? `, so ${what} was not run` : ''}. Your Telegram id is ${userId}; an operator can add it to TELEGRAM_OPERATORS.`;
  }
}
