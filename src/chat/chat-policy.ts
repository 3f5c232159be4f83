/** A private chat with one person, or a chat many people read (a group, a server channel). */
export type ChatKind = 'private' | 'group';

/** A chat as the policy sees it: the platform's id for it (a group's, not a topic's) and its kind. */
export interface ChatPlace {
  chatId: string;
  kind: ChatKind;
}

/** Who may run commands: the front-end's operator list. */
export interface OperatorDirectory {
  allows(userId: string): boolean;
  operators(): string[];
}

/**
 * What to do with someone's message in a chat:
 * - `obey`: an operator where operators work; run it;
 * - `refuse`: a stranger in a private chat; tell them who they are to the bot (their id);
 * - `ignore`: anything else; say nothing. Groups not allowlisted, and strangers
 *   in any group, get silence: answering them would only advertise the bot.
 */
export type Admission = 'obey' | 'refuse' | 'ignore';

/**
 * The chat policy, the same on every platform: operator commands are obeyed
 * in private chats and in the groups the owner allowlisted; a file sent
 * without a command is an import like any other, so it too is only taken
 * where its sender is obeyed (`admit`); linking material (a login QR, a
 * pairing code) is only shown in a private chat; in a group only commands
 * clearly meant for this bot are answered.
 */
export class ChatPolicy {
  private readonly groups: ReadonlySet<string>;

  constructor(
    private readonly operators: OperatorDirectory,
    allowedGroups: readonly string[],
  ) {
    this.groups = new Set(allowedGroups);
  }

  groupAllowed(chatId: string): boolean {
    return this.groups.has(chatId);
  }

  admit(place: ChatPlace, userId: string): Admission {
    const operator = this.operators.allows(userId);
    if (place.kind === 'private') return operator ? 'obey' : 'refuse';
    return operator && this.groupAllowed(place.chatId) ? 'obey' : 'ignore';
  }

  /** Linking material goes to a private chat only: in a group everyone could link their phone as the business. */
  showsLinkingMaterial(place: ChatPlace): boolean {
    return place.kind === 'private';
  }

  /**
   * A command zapcast does not know, not addressed to it by name, in a group
   * belongs to another bot (/weather): silence. Privately, or addressed to it,
   * the sender is told it is unknown.
   */
  answersUnknownCommand(place: ChatPlace, addressedToThisBot: boolean): boolean {
    return place.kind === 'private' || addressedToThisBot;
  }

  /** The allowlisted groups (a front-end shows its command menu there and in operators' private chats). */
  allowedGroups(): string[] {
    return [...this.groups];
  }
}
