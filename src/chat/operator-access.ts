export interface OperatorRules {
  /** How the platform is named to users ("Telegram", "Discord"). */
  platform: string;
  /** The setting that lists operator user ids. */
  usersSetting: string;
  users: readonly string[];
  /** The setting that lists operator roles, on platforms that have roles. */
  rolesSetting?: string;
  roles?: readonly string[];
}

/**
 * Who a chat bot obeys: the user ids (and, on Discord, the roles) in its
 * settings. With none configured it obeys nobody, and tells whoever writes
 * their id and how to add it, so the owner can finish the setup from the chat.
 */
export class OperatorAccess {
  private readonly users: ReadonlySet<string>;
  private readonly roles: ReadonlySet<string>;

  constructor(private readonly rules: OperatorRules) {
    this.users = new Set(rules.users);
    this.roles = new Set(rules.roles ?? []);
  }

  get configured(): boolean {
    return this.users.size > 0 || this.roles.size > 0;
  }

  /** The operators that can be reached by id (roles cannot be listed without asking the platform). */
  operators(): string[] {
    return [...this.users];
  }

  allows(userId: string, roleIds: readonly string[] = []): boolean {
    return this.users.has(userId) || roleIds.some((role) => this.roles.has(role));
  }

  /** The answer to anyone the bot does not obey; `what` names what was not run (a command), if anything. */
  refusal(userId: string, what?: string): string {
    const { platform, usersSetting, rolesSetting } = this.rules;
    if (!this.configured) {
      return `This zapcast has no operators yet, so it obeys nobody${what ? ` and ${what} was not run` : ''}. Your ${platform} id is ${userId}: add ${usersSetting}=${userId} to the settings (.env) and restart zapcast to make yourself an operator.`;
    }
    const roles = rolesSetting ? `, or give you a role listed in ${rolesSetting}` : '';
    return `You are not an operator of this zapcast${what ? `, so ${what} was not run` : ''}. Your ${platform} id is ${userId}; an operator can add it to ${usersSetting}${roles}.`;
  }
}
